"""JSON Schema of the ``Extraction`` document, derived from the typed records.

The schema is generated from the dataclasses so that it can never drift from the code;
a copy is published in the package (``data/extraction.schema.json``) and a test fails when
the two differ, so that a field can only change on purpose.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union

from wirewatch.model.extraction import Extraction
from wirewatch.model.records import SCHEMA_VERSION

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(arg, defs) for arg in typing.get_args(tp)]}
    if origin in (list, tuple):
        (item,) = typing.get_args(tp)[:1]
        return {"type": "array", "items": _schema_for(item, defs)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            props = {}
            required = []
            for f in dataclasses.fields(tp):
                props[f.name] = _schema_for(hints[f.name], defs)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    required.append(f.name)
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().splitlines()[0],
                "properties": props,
                "required": required,
                "additionalProperties": True,
            }
        return {"$ref": f"#/$defs/{name}"}
    return {}


def extraction_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an ``Extraction`` document."""
    defs: dict[str, Any] = {}
    root = _schema_for(Extraction, defs)
    body = dict(defs.pop("Extraction"))
    body["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    body["required"] = ["schema_version", *[r for r in body["required"] if r != "schema_version"]]
    for name in (
        "places",
        "actors",
        "times",
        "quantities",
        "events",
        "claims",
        "control",
        "contradictions",
        "warnings",
    ):
        if name not in body["required"]:
            body["required"].append(name)
    del root
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://wirewatch.invalid/schema/extraction-v{SCHEMA_VERSION}.json",
        "title": "wirewatch Extraction",
        **body,
        "$defs": defs,
    }
