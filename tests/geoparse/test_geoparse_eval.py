"""GeoWebNews dev evaluation against the pinned floors (with the geotext peer)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_geoparse_floors(corpus_dir: Path) -> None:
    from wirewatch.eval.common import check_floors, load_floors
    from wirewatch.eval.geoparse import evaluate
    from wirewatch.settings import Settings

    path = corpus_dir / "geoparse-geowebnews-dev.jsonl"
    if not path.is_file():
        pytest.skip("GeoWebNews dev corpus not present")
    metrics = evaluate(str(path), Settings(), peer=True)
    assert load_floors("geoparse")
    assert check_floors("geoparse", metrics) == []
    # The floors hold without the optional admin1 table; with it (install.sh), provinces
    # resolve to their GeoNames ids and exact resolution is higher.
    from wirewatch.gazetteer import cache_dir
    from wirewatch.gazetteer.admin1 import installed_admin1

    if installed_admin1(cache_dir(Settings())) is not None:
        assert metrics["gold_exact"] >= 0.76 and metrics["e2e_exact"] >= 0.69
    # We must beat the peer we compare ourselves with.
    assert metrics["gold_exact"] > metrics["peer_gold_exact"]
    assert metrics["recognition_f1"] > metrics["peer_recognition_f1"]
