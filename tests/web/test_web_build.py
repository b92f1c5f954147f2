"""Building the map assets: TopoJSON decoding, the npm packages, the serve helpers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.errors import ResourceError
from wirewatch.web.build import build_assets, find_node_modules, topology_to_geojson

# Two unit squares sharing an edge (arc 0), quantized and delta-encoded as TopoJSON does.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "West"}},
                {
                    "type": "MultiPolygon",
                    "arcs": [[[~0, 2]]],
                    "id": "2",
                    "properties": {"name": "East"},
                },
                {"type": None, "id": "3", "properties": {"name": "Nowhere"}},
            ],
        }
    },
    # arc 0: shared edge (2,0)->(2,2); arc 1: west (2,2)->(0,2)->(0,0)->(2,0);
    # arc 2: east (2,0)->(4,0)->(4,2)->(2,2)
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
    ],
}


def test_topology_decoding() -> None:
    fc = topology_to_geojson(TOPOLOGY, "countries", digits=3)
    assert [f["properties"]["name"] for f in fc["features"]] == ["West", "East"]
    west = fc["features"][0]["geometry"]["coordinates"][0]
    # quantized (x, y) → (x * 0.5 + 10, y * 0.5 + 20)
    assert west == [[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]]
    east = fc["features"][1]["geometry"]
    assert east["type"] == "MultiPolygon"
    ring = east["coordinates"][0][0]
    assert ring[0] == ring[-1] == [11, 21]  # the reversed shared arc starts the ring
    assert [12, 20] in ring and [12, 21] in ring


def test_build_needs_the_npm_packages(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="Leaflet not found") as info:
        build_assets(tmp_path, tmp_path / "out")
    assert "npm ci" in (info.value.hint or "")


def test_build_from_node_modules(tmp_path: Path) -> None:
    nm = find_node_modules()
    if nm is None:
        pytest.skip("node_modules not installed (npm ci)")
    summary = build_assets(nm, tmp_path / "vendor", resolution="110m")
    assert summary["leaflet"] == "1.9.4"
    assert (tmp_path / "vendor" / "leaflet" / "leaflet.js").stat().st_size > 100_000
    fc = json.loads((tmp_path / "vendor" / "countries.geojson").read_text())
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Syria", "Turkey", "Iraq"} <= names
    assert (tmp_path / "vendor" / "countries.geojson.gz").is_file()


def test_serve_helpers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    monkeypatch.delenv("WIREWATCH_API_TOKEN", raising=False)

    from wirewatch.cli.serve import _is_loopback, read_token

    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.10")
    token_file = tmp_path / "token"
    token_file.write_text("  s3cret-s3cret-s3cret-1234\n")
    assert read_token(None, token_file) == "s3cret-s3cret-s3cret-1234"
    with pytest.raises(typer.Exit):
        read_token("short", None)
    with pytest.raises(typer.Exit):
        read_token("x" * 20, token_file)
