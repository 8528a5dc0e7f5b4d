"""The dashboard on the project's real geodata, in real headless Chromium."""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.app import create_app
from layers import load_catalog
from layers.geodesy import distance_km
from tests.browser import (
    MAP_OBJ,
    click_lonlat,
    jump_to,
    rendered_basemap_layers,
    rendered_ids_by_trace,
    wait_for_map,
)
from tests.conftest import ROOT, OutsideRequests

pytestmark = pytest.mark.browser
CATALOG = load_catalog(ROOT / "geodata")


def test_all_four_layers_are_drawn_offline(dash_duo, outside_requests: OutsideRequests) -> None:
    dash_duo.start_server(create_app())
    wait_for_map(dash_duo.driver)
    drawn = rendered_ids_by_trace(dash_duo.driver)
    for layer_id, layer in CATALOG.layers.items():
        assert drawn.get(layer_id), f"no {layer_id} point drawn"
        assert sorted(drawn[layer_id]) == sorted(layer.frame.index)
    assert "land" in rendered_basemap_layers(dash_duo.driver, 139.7, 36.0)
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_clicking_kadena_and_a_senkaku_island_opens_their_panels(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    dash_duo.start_server(create_app())
    wait_for_map(dash_duo.driver)
    kadena = CATALOG.feature("kadena-air-base")
    jump_to(dash_duo.driver, kadena["lon"], kadena["lat"], 11)
    click_lonlat(dash_duo.driver, kadena["lon"], kadena["lat"])
    panel = f"#{ids.INFO_PANEL}"
    dash_duo.wait_for_contains_text(panel, "Kadena Air Base", timeout=10)
    links = dash_duo.find_elements(f"{panel} .sources a")
    assert len(links) == len(kadena["sources"])
    assert all(a.get_attribute("href").startswith("http") for a in links)

    uotsuri = CATALOG.feature("uotsuri-jima")
    jump_to(dash_duo.driver, uotsuri["lon"], uotsuri["lat"], 11)
    click_lonlat(dash_duo.driver, uotsuri["lon"], uotsuri["lat"])
    dash_duo.wait_for_contains_text(panel, "Diaoyu", timeout=10)
    text = dash_duo.find_element(panel).text
    assert "Japan" in text and "China" in text and "Taiwan" in text
    assert "釣魚台" in text and "钓鱼岛" in text
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_detailed_land_comes_in_when_zoomed_in(dash_duo, outside_requests: OutsideRequests) -> None:
    """The first view draws the coarse land; zooming in close fetches and draws the detail."""
    from selenium.webdriver.support.ui import WebDriverWait

    dash_duo.start_server(create_app())
    wait_for_map(dash_duo.driver)
    assert "land" in rendered_basemap_layers(dash_duo.driver, 139.7, 36.0)
    jump_to(dash_duo.driver, 127.80, 26.35, 9)
    WebDriverWait(dash_duo.driver, 20, poll_frequency=0.2).until(
        lambda d: "land-detail" in rendered_basemap_layers(d, 127.80, 26.35)
    )
    layers = rendered_basemap_layers(dash_duo.driver, 127.80, 26.35)
    assert "land" not in layers  # the coarse outline no longer shows when zoomed in
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_a_page_opened_zoomed_in_draws_the_detail_and_a_true_scale(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """Straight from a link, with no interaction: the detailed land comes in and the scale bar
    shows a round distance that the geodesic length of the bar, across the map's centre, matches."""
    from selenium.webdriver.support.ui import WebDriverWait

    dash_duo.start_server(create_app())
    driver = dash_duo.driver
    scales = []
    for zoom in (9, 5):
        dash_duo.wait_for_page(f"{dash_duo.server_url}/?view=26.35,127.8,{zoom}")
        wait_for_map(driver)
        if zoom >= 6:
            WebDriverWait(driver, 20, poll_frequency=0.2).until(
                lambda d: "land-detail" in rendered_basemap_layers(d, 127.80, 26.35)
            )
        bar = dash_duo.wait_for_element(".map-scale")
        metres = float(bar.get_attribute("data-metres"))
        assert bar.text in {f"{metres / 1000:g} km", f"{metres:g} m"}
        ends = driver.execute_script(
            MAP_OBJ + "var y = m.getContainer().clientHeight / 2;"
            "var w = arguments[0].getBoundingClientRect().width;"
            "var a = m.unproject([0, y]), b = m.unproject([w, y]);"
            "return [a.lng, a.lat, b.lng, b.lat];",
            bar,
        )
        assert abs(distance_km(*ends) * 1000 / metres - 1) < 0.03, (ends, metres)
        scales.append(metres)
    assert scales[1] > scales[0]  # zoomed out, the bar stands for more
    assert dash_duo.get_logs() == []
    assert outside_requests() == []
