"""The data contract: spans point at their text, output validates against the schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from wirewatch.model import Extraction
from wirewatch.model.schema import extraction_schema

# Texts written by the team to exercise quoting, numbers, dates and odd characters.
OWN_TEXTS = [
    "Militants attacked a checkpoint near Gao on Tuesday, killing at least 12 soldiers, the "
    "army said. \u201cWe repelled them,\u201d a spokesman told reporters.",
    "Protesters gathered in Khartoum on 3 March; police fired tear gas and arrested dozens, "
    "according to a local monitoring group.",
    "Caf\u00e9 owners in Mosul said shelling resumed overnight \u2014 between 20 and 30 shells "
    "fell \u00abon the old city\u00bb.",
]


def _all_extractions(pipeline, hama):  # type: ignore[no-untyped-def]
    from wirewatch.extract import extract

    out = [hama]
    for i, text in enumerate(OWN_TEXTS):
        out.append(extract(text, published="2024-06-04", id=f"own{i}", pipeline=pipeline))
    return out


@pytest.mark.slow
def test_every_span_matches_text(pipeline, hama) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for ext in _all_extractions(pipeline, hama):
        text = ext.article.text
        for where, start, end, span_text in ext.iter_spans():
            assert 0 <= start <= end <= len(text), (where, start, end)
            assert text[start:end] == span_text, (ext.article.id, where, start, end)
            checked += 1
    assert checked > 0


@pytest.mark.slow
def test_output_validates_against_schema(pipeline, hama) -> None:  # type: ignore[no-untyped-def]
    schema = extraction_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for ext in _all_extractions(pipeline, hama):
        data = json.loads(ext.to_json())
        jsonschema.validate(data, schema)
        assert Extraction.from_dict(data).to_dict() == data  # round trip


def test_published_schema_matches_code() -> None:
    published = json.loads(
        resources.files("wirewatch").joinpath("data", "extraction.schema.json").read_text("utf-8")
    )
    assert published == extraction_schema(), (
        "the schema changed: if on purpose, regenerate it with "
        "'wirewatch schema > src/wirewatch/data/extraction.schema.json'"
    )


def test_contract_field_names_are_kept() -> None:
    """Field names of DESIGN.md §3 may be added to, never renamed."""
    props = extraction_schema()["$defs"]
    contract = {
        "Article": "id title url outlet published language text",
        "Place": "id name geonameid country_code admin1 admin2 lat lon feature_code population "
        "geo_precision confidence mentions",
        "Actor": "id name kind country_code wikidata role affiliation mentions",
        "TimeExpr": "start end text value end_value precision time_precision anchor",
        "Quantity": "start end text value low high qualifier unit category",
        "Event": "id event_type sub_event_type disorder_type plover_type actor1 actor2 "
        "assoc_actors place date time_precision geo_precision fatalities evidence trigger claims "
        "negated hypothetical confidence",
        "Claim": "id speaker speaker_role speaker_actor cue channel content direct_quote "
        "about_events",
        "Control": "place holder previous_holder since event status contested_by",
        "Contradiction": "about claims",
        "Warning": "code message",
        "Fatalities": "low best high acled",
    }
    for name, fields in contract.items():
        missing = set(fields.split()) - set(props[name]["properties"])
        assert not missing, (name, missing)


def test_schema_version_mismatch_is_rejected() -> None:
    with pytest.raises(ValueError, match="schema_version"):
        Extraction.from_dict({"schema_version": 99, "article": {"id": "x", "text": ""}})
