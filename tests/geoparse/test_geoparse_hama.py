"""The reference report through the full pipeline (real model, embedded gazetteer)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_reference_places(hama) -> None:  # type: ignore[no-untyped-def]
    by_id = {p.geonameid: p for p in hama.places}
    for gid in (170017, 170063, 169577, 170654, 169389):  # Hama, Aleppo, Homs, Damascus, Idlib
        assert gid in by_id, gid
        assert by_id[gid].geo_precision == 1 and by_id[gid].country_code == "SY"
    for cc in ("SY", "IQ", "IL"):
        assert any(p.country_code == cc and p.feature_code == "PCLI" for p in hama.places), cc
    assert any(m.text == "Idleb" for m in by_id[169389].mentions)
    mentioned = {m.text for p in hama.places for m in p.mentions}
    for person in ("Abbas", "Ali", "Hassan", "Ghani", "Lund", "Aron", "Assad", "Bashar"):
        assert person not in mentioned, person
    assert [p.id for p in hama.places] == [f"p{i}" for i in range(1, len(hama.places) + 1)]
    for p in hama.places:
        assert 0.0 < p.confidence <= 1.0
