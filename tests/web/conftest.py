"""Browser-test fixtures: a uvicorn server on loopback over a scenario store, and Chromium.

Chromium is Debian's (/usr/bin/chromium, or $WIREWATCH_CHROMIUM) driven by Python Playwright;
``playwright install`` cannot download here. Tests skip cleanly when either is absent.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the shared scenario

from live_server import CHROMIUM_ARGS, chromium_path

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium (skips when Playwright or Chromium are absent)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken browser install is a skip, not a failure
            pytest.skip(f"chromium does not start: {exc}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,  # type: ignore[attr-defined]
    )
    yield pg
    context.close()


@pytest.fixture(scope="session")
def assets_built() -> None:
    """Skip when Leaflet/outlines have not been built into the package ('wirewatch web build')."""
    from wirewatch.web.build import assets_status

    status = assets_status()
    if not status["leaflet"]:
        pytest.skip("web assets not built: run 'npm ci' and 'wirewatch web build'")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """test-output/ at the repository root (gitignored; CI keeps it as an artifact)."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """The API + page over the hand-built scenario store (with the background article when
    the test module sets ``BACKGROUND = True``)."""
    import scenario
    from live_server import LiveServer

    from wirewatch.api import ApiSettings, create_app

    background = bool(getattr(request.module, "BACKGROUND", False))
    store = scenario.build_store(
        tmp_path_factory.mktemp("web") / "scenario.sqlite", background=background
    )
    with LiveServer(create_app(store, ApiSettings())) as live:
        yield live
    store.close()
