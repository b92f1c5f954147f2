"""The web map on background (historical) events, uncoded events and a facility capture:
pale dashed markers that a checkbox hides, the category as the type, "airport near X"."""

from __future__ import annotations

from typing import Any

import pytest
from live_server import LiveServer

pytestmark = pytest.mark.browser


BACKGROUND = True  # the scenario store with the background article (conftest.server)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)


def test_historical_markers_are_marked_and_can_be_hidden(
    server: LiveServer, page: Any, assets_built: None
) -> None:
    _open(page, server.url + "/?date=2024-12-06")
    old = page.locator("path.ev-marker[data-historical='true']")
    assert old.count() == 1
    assert old.get_attribute("stroke-dasharray") == "3 3"
    news = page.locator("path.ev-marker[data-historical='false']")
    assert news.count() >= 4 and news.first.get_attribute("stroke-dasharray") is None
    (item,) = page.locator(".event-item.historical").all()
    assert "historical" in item.inner_text() and "2016-06-15" in item.inner_text()
    page.uncheck("#f-historical")
    assert page.locator("path.ev-marker[data-historical='true']").count() == 0
    assert page.locator(".event-item.historical").count() == 0
    assert page.locator("path.ev-marker").count() == news.count()
    page.check("#f-historical")
    assert page.locator("path.ev-marker[data-historical='true']").count() == 1


def test_uncoded_event_and_facility_capture_read_as_what_they_are(
    server: LiveServer, page: Any
) -> None:
    _open(page, server.url + "/?date=2024-12-06")
    types = page.eval_on_selector_all(
        ".event-item[data-place='Homs'] .ev-type", "els => els.map(e => e.textContent)"
    )
    assert "displacement" in types
    page.locator(".event-item[data-place='Homs']", has_text="2024-12-04").filter(
        has_text="overtakes"
    ).click()
    title = page.locator("#detail-title")
    page.wait_for_function(
        "() => document.getElementById('detail-title').textContent.includes('near')"
    )
    assert title.inner_text().endswith("military airport near Homs")
    assert "not control of the place" in page.locator("#detail-facts").inner_text()
    # the airport gives Homs no holder in the control table
    assert page.locator("#control-table tbody tr[data-place='Homs']").count() == 0
    page.locator(".event-item.historical").click()
    page.wait_for_function(
        "() => document.getElementById('detail-facts').textContent.includes('Historical')"
    )
    assert "background" in page.locator("#detail-facts").inner_text()
