"""The first map in real headless Chromium, on the small fixture geodata."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard import ids
from dashboard.app import create_app
from tests.browser import (
    click_lonlat,
    jump_to,
    rendered_basemap_layers,
    rendered_ids_by_trace,
    wait_for_map,
)
from tests.conftest import OutsideRequests

pytestmark = pytest.mark.browser


def test_fixture_map_draws_every_layer_and_opens_a_panel(
    dash_duo, fixture_geodata: Path, outside_requests: OutsideRequests
) -> None:
    dash_duo.start_server(create_app(fixture_geodata))
    wait_for_map(dash_duo.driver)
    drawn = rendered_ids_by_trace(dash_duo.driver)
    assert drawn["okinawa_facilities"] == ["fixture-kadena", "fixture-futenma"]
    assert drawn["us_bases"] == ["fixture-yokota"]
    assert "land" in rendered_basemap_layers(dash_duo.driver, 139.7, 36.0)  # Honshu
    assert "land" not in rendered_basemap_layers(dash_duo.driver, 135.0, 30.0)  # open sea

    jump_to(dash_duo.driver, 127.76, 26.32, 10)
    click_lonlat(dash_duo.driver, 127.768, 26.3556)
    dash_duo.wait_for_contains_text(f"#{ids.INFO_PANEL}", "Kadena Air Base", timeout=10)
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_the_offline_check_can_fail(dash_duo, outside_requests: OutsideRequests) -> None:
    """A page that asks another host for something is caught by the recording proxy."""
    dash_duo.driver.get("data:text/html,<img src='http://tiles.example.org/0/0/0.png'>")
    deadline = time.monotonic() + 5
    while not outside_requests() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert any("tiles.example.org" in r for r in outside_requests())
