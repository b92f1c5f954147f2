"""JSON (de)serialisation of the fusion records stored in the database's ``data`` columns."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

from wirewatch.model.records import to_plain

T = TypeVar("T")


def dumps(obj: Any) -> str:
    """A record (dataclass, possibly nested) → compact JSON text with sorted keys."""
    return json.dumps(to_plain(obj), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        alts = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(alts[0], value) if len(alts) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return tuple(_convert(inner, v) for v in value)
    if origin is list:
        (inner,) = typing.get_args(tp) or (Any,)
        return [_convert(inner, v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_plain(tp, value)
    return value


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a (nested, frozen) dataclass from :func:`to_plain` output; unknown keys are
    ignored and missing ones take their defaults, so older rows stay readable."""
    hints = _hints(cls)  # type: ignore[arg-type]
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {k: _convert(hints[k], v) for k, v in data.items() if k in names}
    return cls(**kwargs)


def loads(cls: type[T], text: str) -> T:
    """JSON text written by :func:`dumps` → a record of type ``cls``."""
    return from_plain(cls, json.loads(text))
