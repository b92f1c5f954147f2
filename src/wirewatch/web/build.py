"""Build the web map's vendored assets from npm packages (Leaflet, Natural Earth outlines).

Leaflet and the country outlines come from the npm registry (``npm ci`` at the repository root
installs ``leaflet`` and ``world-atlas``); this module copies Leaflet's ``dist`` into the
package's static folder and turns the Natural Earth TopoJSON of ``world-atlas`` into a compact
GeoJSON file, so the map renders offline with no tile server. Nothing here touches the network.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

from wirewatch.errors import ResourceError

#: Leaflet version the page is written against (pinned in package.json).
LEAFLET_VERSION = "1.9.4"
#: Natural Earth scales shipped by world-atlas.
RESOLUTIONS = ("110m", "50m", "10m")


def static_dir() -> Path:
    """The package's static folder served at ``/static``."""
    return Path(__file__).resolve().parent / "static"


def vendor_dir() -> Path:
    """Where built third-party assets live (gitignored; filled by :func:`build_assets`)."""
    return static_dir() / "vendor"


def find_node_modules(start: Path | None = None) -> Path | None:
    """The nearest ``node_modules`` holding leaflet, searching upwards from ``start``.

    The package may be installed in editable mode (``src/wirewatch/web``), so the repository
    root is a parent of this file; ``start`` (the working directory) is searched first.
    """
    candidates: list[Path] = []
    for base in (start or Path.cwd(), Path(__file__).resolve().parent):
        candidates.extend([base, *base.parents])
    for folder in candidates:
        nm = folder / "node_modules"
        if (nm / "leaflet" / "dist" / "leaflet.js").is_file():
            return nm
    return None


def topology_to_geojson(topology: dict[str, Any], object_name: str, *, digits: int = 3) -> dict:
    """Decode one object of a (quantized) TopoJSON topology into a GeoJSON FeatureCollection.

    Implements the TopoJSON specification's arc decoding: delta-encoded quantized positions,
    negative arc indices meaning the reversed arc (``~i``), shared arcs joined without
    repeating their common point. Coordinates are rounded to ``digits`` decimals.
    """
    transform = topology.get("transform")
    arcs_out: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        pts: list[tuple[float, float]] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((round(x * sx + tx, digits), round(y * sy + ty, digits)))
        else:
            pts = [(round(p[0], digits), round(p[1], digits)) for p in arc]
        arcs_out.append(pts)

    def ring(indices: list[int]) -> list[list[float]]:
        coords: list[list[float]] = []
        for i in indices:
            pts = arcs_out[i] if i >= 0 else list(reversed(arcs_out[~i]))
            if coords:
                pts = pts[1:]  # consecutive arcs share their junction point
            for p in pts:
                if not coords or coords[-1] != list(p):  # rounding can repeat a point
                    coords.append(list(p))
        if coords and coords[0] != coords[-1]:
            coords.append(list(coords[0]))
        return coords

    def geometry(geom: dict[str, Any]) -> dict[str, Any] | None:
        kind = geom.get("type")
        if kind == "Polygon":
            return {"type": "Polygon", "coordinates": [ring(r) for r in geom["arcs"]]}
        if kind == "MultiPolygon":
            return {
                "type": "MultiPolygon",
                "coordinates": [[ring(r) for r in poly] for poly in geom["arcs"]],
            }
        return None  # null geometries (no outline at this scale)

    features = []
    obj = topology["objects"][object_name]
    for geom in obj.get("geometries", [obj]):
        shape = geometry(geom)
        if shape is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geom.get("id"),
                "properties": {"name": (geom.get("properties") or {}).get("name")},
                "geometry": shape,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_assets(
    node_modules: Path, dest: Path | None = None, *, resolution: str = "50m"
) -> dict[str, Any]:
    """Copy Leaflet and write ``countries.geojson`` into ``dest`` (default: :func:`vendor_dir`).

    Returns a summary (paths, sizes, feature count). Raises :class:`ResourceError` when the npm
    packages are missing, with the command that installs them.
    """
    if resolution not in RESOLUTIONS:
        raise ResourceError(
            f"unknown outline resolution {resolution!r}",
            hint=f"use one of {', '.join(RESOLUTIONS)}",
        )
    hint = "run 'npm ci' at the repository root (package.json pins leaflet and world-atlas)"
    leaflet_dist = node_modules / "leaflet" / "dist"
    atlas = node_modules / "world-atlas" / f"countries-{resolution}.json"
    if not (leaflet_dist / "leaflet.js").is_file():
        raise ResourceError(f"Leaflet not found in {node_modules}", hint=hint)
    if not atlas.is_file():
        raise ResourceError(f"world-atlas outlines not found in {node_modules}", hint=hint)
    version = json.loads((node_modules / "leaflet" / "package.json").read_text("utf-8"))["version"]
    if version != LEAFLET_VERSION:
        raise ResourceError(
            f"Leaflet {version} installed, the page needs {LEAFLET_VERSION}", hint=hint
        )

    dest = dest or vendor_dir()
    leaflet_out = dest / "leaflet"
    if leaflet_out.exists():
        shutil.rmtree(leaflet_out)
    leaflet_out.mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy2(leaflet_dist / name, leaflet_out / name)
    shutil.copytree(leaflet_dist / "images", leaflet_out / "images")
    for licence in ("LICENSE",):
        if (node_modules / "leaflet" / licence).is_file():
            shutil.copy2(node_modules / "leaflet" / licence, leaflet_out / licence)

    topology = json.loads(atlas.read_text("utf-8"))
    # Two decimals (about 1 km) is finer than a 1:50m outline can show.
    collection = topology_to_geojson(topology, "countries", digits=2)
    outlines = dest / "countries.geojson"
    payload = json.dumps(collection, separators=(",", ":")).encode("utf-8")
    outlines.write_bytes(payload)
    # Pre-compressed copy served to browsers that accept gzip (mtime 0: reproducible bytes).
    (dest / "countries.geojson.gz").write_bytes(gzip.compress(payload, 9, mtime=0))
    (dest / "NOTICE.txt").write_text(
        f"leaflet/: Leaflet {version} (BSD-2-Clause), copied from the npm package 'leaflet'.\n"
        f"countries.geojson: Natural Earth {resolution} Admin 0 boundaries (public domain), "
        "decoded from the npm package 'world-atlas' (ISC).\n",
        "utf-8",
    )
    return {
        "dest": str(dest),
        "leaflet": version,
        "outlines": str(outlines),
        "outline_features": len(collection["features"]),
        "outline_bytes": outlines.stat().st_size,
        "resolution": resolution,
    }


def assets_status(dest: Path | None = None) -> dict[str, bool]:
    """Which vendored assets are present (the page degrades without them)."""
    dest = dest or vendor_dir()
    return {
        "leaflet": (dest / "leaflet" / "leaflet.js").is_file(),
        "outlines": (dest / "countries.geojson").is_file(),
    }
