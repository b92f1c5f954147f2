"""Shared fixtures: the reference report, the corpus directory and a loaded pipeline.

The shared folder (``../shared`` beside the repository) holds the reference report and the
gold corpora; tests that need them skip when it is absent. Never copy their text here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared folder: $WIREWATCH_SHARED, else ../shared beside the repository."""
    env = os.environ.get("WIREWATCH_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared (skip when absent)."""
    path = shared_dir()
    if not path.is_dir():
        pytest.skip("../shared is not present")
    return path


@pytest.fixture(scope="session")
def corpus_dir(shared: Path) -> Path:
    """Path of ../shared/corpus (skip when absent)."""
    path = shared / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is not present")
    return path


@pytest.fixture(scope="session")
def hama_text(shared: Path) -> str:
    """The reference report (published Thursday 2024-12-05)."""
    path = shared / "examples" / "hama-2024-12-05.txt"
    if not path.is_file():
        pytest.skip("reference report not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The default pipeline with real models, loaded once per test session."""
    from wirewatch.extract import default_pipeline

    return default_pipeline().load()


@pytest.fixture(scope="session")
def hama(hama_text: str, pipeline):  # type: ignore[no-untyped-def]
    """The Extraction of the reference report by the full default pipeline."""
    from wirewatch.extract import extract

    return extract(hama_text, published="2024-12-05", id="hama", pipeline=pipeline)
