"""Bring the extractions of a batch output into the store (``wirewatch load``).

The store fuses incrementally as articles arrive and skips articles it already holds (same
content or URL), so loading is idempotent: loading the same output twice adds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wirewatch.batch import output
from wirewatch.errors import InputError


@dataclass(slots=True)
class LoadResult:
    """Counts of one load."""

    new: int = 0
    duplicate: int = 0
    errors_skipped: int = 0  # error rows of the batch output (nothing to load)
    events: int = 0

    def as_dict(self) -> dict[str, int]:
        """Plain data for ``--json`` output."""
        return {k: getattr(self, k) for k in self.__slots__}


def load_output(
    store: Any, path: str, *, on_article: Callable[[], None] | None = None
) -> LoadResult:
    """Add every ``ok`` extraction of the local batch output ``path`` to ``store``."""
    import pyarrow.dataset as ds

    from wirewatch.batch.tables import EXTRACTIONS
    from wirewatch.model import Extraction

    table_dir = output.join(output.local_path(path), "extractions")
    if not os.path.isdir(table_dir):
        raise InputError(
            f"{path} is not a batch output (no extractions table)",
            hint="pass the --output directory of 'wirewatch batch extract'",
        )
    result = LoadResult()
    dataset = ds.dataset(table_dir, format="parquet", schema=EXTRACTIONS)
    columns = ["source", "line", "status", "extraction"]
    for batch in dataset.to_batches(columns=columns, batch_size=256):
        for row in batch.to_pylist():
            if row["status"] != "ok" or not row["extraction"]:
                result.errors_skipped += 1
                continue
            extraction = Extraction.from_json(row["extraction"])
            added = store.add_extraction(extraction, source=f"{row['source']}:{row['line']}")
            if added.status == "new":
                result.new += 1
                result.events += added.n_events
            else:
                result.duplicate += 1
            if on_article is not None:
                on_article()
    return result
