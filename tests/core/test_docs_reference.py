"""Every command, setting and warning code is documented (generated references are current)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.cli.reference import REFERENCES

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_reference_is_current(name: str) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).exists() else ""
    assert committed == REFERENCES[name](), (
        f"docs/{name} is stale: run 'python -m wirewatch.cli.reference docs'"
    )


def test_readme_links_exist() -> None:
    import re

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if "://" not in target:
            assert (DOCS.parent / target).exists(), target
