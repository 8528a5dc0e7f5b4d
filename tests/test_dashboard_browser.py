"""The dashboard as a user meets it: toggles, filters, clicks, search, language, layout sizes."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import ids
from dashboard.app import create_app
from dashboard.state import View, from_query
from dashboard.text import ui
from layers import load_catalog
from tests.browser import (
    MAP_OBJ,
    apart,
    center,
    click_lonlat,
    drag_map,
    jump_to,
    rect_of,
    rendered_ids_by_trace,
    scrolls_sideways,
    settled_bounds,
    shows_japan,
    trace_ids,
    wait_for_callbacks,
    wait_for_map,
)
from tests.conftest import ROOT, OutsideRequests

pytestmark = pytest.mark.browser
CATALOG = load_catalog(ROOT / "geodata")
PANEL = f"#{ids.INFO_PANEL}"
SHOTS = Path(__file__).resolve().parent / "screenshots"


def _layers_drawn(driver) -> dict[str, list[str]]:
    return {k: v for k, v in rendered_ids_by_trace(driver).items() if v}


def _on_map(driver) -> dict[str, list[str]]:
    return {k: v for k, v in trace_ids(driver).items() if v}


def _wait_on_map(driver, predicate, timeout: float = 10) -> dict[str, list[str]]:
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: predicate(_on_map(d)))
    return _on_map(driver)


def _open_at(dash_duo, query: str, panel_text: str) -> None:
    """Serve the app, open it at `query` and wait for the map and for `panel_text` in the panel."""
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/{query}")
    wait_for_map(dash_duo.driver)
    dash_duo.wait_for_contains_text(PANEL, panel_text)


@pytest.fixture
def app_page(dash_duo, outside_requests: OutsideRequests):
    dash_duo.start_server(create_app())
    wait_for_map(dash_duo.driver)
    yield dash_duo
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_each_toggle_adds_and_removes_exactly_its_layer(app_page) -> None:
    driver = app_page.driver
    everything = _layers_drawn(driver)
    assert set(everything) == set(CATALOG.layers)
    jump_to(driver, 127.8, 26.4, 8)
    drag_map(driver, 120, 60)  # as a user would
    before = center(driver)
    assert before[:2] != pytest.approx((127.8, 26.4), abs=0.05)
    for layer_id in CATALOG.layers:
        box = app_page.find_element(f"#{ids.LAYER_TOGGLES} input[value='{layer_id}']")
        box.click()
        on_map = _wait_on_map(driver, lambda d, lid=layer_id: lid not in d)
        assert set(on_map) == set(CATALOG.layers) - {layer_id}
        assert all(sorted(on_map[k]) == sorted(CATALOG.layers[k].frame.index) for k in on_map)
        box.click()
        _wait_on_map(driver, lambda d, lid=layer_id: lid in d)
    after = center(driver)
    assert after == pytest.approx(before, abs=1e-3)  # toggling keeps zoom and position


def test_operator_filter_narrows_the_map_and_the_counts(app_page) -> None:
    driver = app_page.driver
    marines = {
        fid
        for layer in CATALOG.layers.values()
        if "operator" in layer.frame
        for fid in layer.frame.index[layer.frame["operator"] == "US Marine Corps"]
    }
    app_page.select_dcc_dropdown(f"#{ids.FILTER_OPERATOR}", value="U.S. Marine Corps")
    on_map = _wait_on_map(driver, lambda d: "disputed_islands" not in d)
    shown = {fid for layer_ids in on_map.values() for fid in layer_ids}
    assert shown == marines
    okinawa = sum(1 for f in marines if CATALOG.layer_of(f).id == "okinawa_facilities")
    app_page.wait_for_contains_text(f"#{ids.LAYER_TOGGLES}", f"({okinawa})")


def _search(page, text: str, expected_option: str) -> None:
    """Type into the search box as a user does and pick the first match with Enter."""
    page.find_element(f"#{ids.SEARCH}").click()
    box = page.wait_for_element(".dash-dropdown-search")
    box.send_keys(text)
    page.wait_for_contains_text(".dash-dropdown-content", expected_option)
    box.send_keys(Keys.ENTER)


def test_search_by_japanese_name_selects_futenma(app_page) -> None:
    futenma = CATALOG.feature("mcas-futenma")
    _search(app_page, "普天間", futenma["name_en"])
    app_page.wait_for_contains_text(PANEL, futenma["name_en"], timeout=10)
    WebDriverWait(app_page.driver, 10).until(
        lambda d: (
            abs(center(d)[0] - futenma["lon"]) < 0.05 and abs(center(d)[1] - futenma["lat"]) < 0.05
        )
    )


def test_the_address_follows_the_map_to_a_place_found_by_search(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """The app's own move is reported like a reader's: a link shared then opens on the place,
    not on the view before the search."""
    _open_at(dash_duo, "?view=35,139,6", "Overview")
    futenma = CATALOG.feature("mcas-futenma")
    _search(dash_duo, "Futenma", futenma["name_en"])
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: f"view={futenma['lat']},{futenma['lon']},9&" in d.current_url
    )
    assert "select=mcas-futenma" in dash_duo.driver.current_url
    wait_for_callbacks(dash_duo.driver)
    share = from_query(urlparse(dash_duo.driver.current_url).query, CATALOG)
    assert (share.view.lat, share.view.lon, share.view.zoom) == (futenma["lat"], futenma["lon"], 9)
    # Back to the page's first address puts the map, the panel and the address back
    dash_duo.driver.back()
    dash_duo.wait_for_contains_text(PANEL, "Overview", timeout=10)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: center(d) == (139, 35, 6))
    assert dash_duo.driver.current_url.endswith("/?view=35,139,6")
    dash_duo.driver.forward()
    dash_duo.wait_for_contains_text(PANEL, futenma["name_en"], timeout=10)
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: center(d) == (futenma["lon"], futenma["lat"], 9)
    )
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


HALO = (
    "return document.querySelector('#map .js-plotly-plot').data[0].lon.concat("
    "document.querySelector('#map .js-plotly-plot').data[0].lat);"
)


def test_the_halo_marks_the_selected_place_even_when_filtered_off_the_map(app_page) -> None:
    """Moved in the browser for a place on the map; drawn by the server for one filtered off."""
    driver = app_page.driver
    futenma, kadena = CATALOG.feature("mcas-futenma"), CATALOG.feature("kadena-air-base")
    _search(app_page, "Futenma", futenma["name_en"])
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(HALO) == [futenma["lon"], futenma["lat"]]
    )
    app_page.select_dcc_dropdown(f"#{ids.FILTER_OPERATOR}", value="U.S. Marine Corps")
    _wait_on_map(driver, lambda d: all("kadena-air-base" not in ids_ for ids_ in d.values()))
    _search(app_page, "Kadena Air", kadena["name_en"])  # a U.S. Air Force base: not on the map
    app_page.wait_for_contains_text(PANEL, kadena["name_en"], timeout=10)
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(HALO) == [kadena["lon"], kadena["lat"]]
    )


def test_a_page_opened_on_a_place_shows_its_halo(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """A shared link to a place (?select=) marks it on the map once the page has settled."""
    mctureous = CATALOG.feature("camp-mctureous")
    _open_at(dash_duo, "?select=camp-mctureous", mctureous["name_en"])
    wait_for_callbacks(dash_duo.driver)
    assert dash_duo.driver.execute_script(HALO) == [mctureous["lon"], mctureous["lat"]]
    drawn = MAP_OBJ + (
        "return m.queryRenderedFeatures({layers: ['plotly-trace-layer-selection-circle']}).length;"
    )
    WebDriverWait(dash_duo.driver, 10).until(lambda d: d.execute_script(drawn) == 1)
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_search_finds_claimants_names(app_page) -> None:
    _search(app_page, "독도", "Takeshima")
    app_page.wait_for_contains_text(PANEL, "Dokdo", timeout=10)


def test_search_finds_a_facility_by_its_fac_number(app_page) -> None:
    """Analysts quote the Ministry's facility numbers; typed without the space, it still finds."""
    mctureous = CATALOG.feature("camp-mctureous")
    _search(app_page, "FAC6031", mctureous["name_en"])
    app_page.wait_for_contains_text(PANEL, mctureous["fac_code"], timeout=10)
    app_page.wait_for_contains_text(PANEL, mctureous["name_en"], timeout=10)


def _open_section(page, title: str) -> None:
    """Open a closed section of the sidebar by clicking its header."""
    for summary in page.find_elements(".controls summary"):
        details = summary.find_element("xpath", "..")
        if summary.text.strip() == title and details.get_attribute("open") is None:
            summary.click()
            WebDriverWait(page.driver, 5).until(
                lambda d, opened=details: opened.get_attribute("open") is not None
            )


def test_the_list_of_places_opens_the_same_panel(app_page) -> None:
    _open_section(app_page, "Places in view")
    column_filter = app_page.wait_for_element(f"#{ids.TABLE_SLOT} .dash-filter input")
    column_filter.send_keys("Kadena Air", Keys.ENTER)
    app_page.wait_for_text_to_equal(
        f"#{ids.TABLE_SLOT} td[data-dash-column='name']", "Kadena Air Base"
    )
    cell = app_page.wait_for_element(f"#{ids.TABLE_SLOT} td[data-dash-column='name']")
    cell.click()
    app_page.wait_for_contains_text(PANEL, "Kadena Air Base", timeout=10)


def test_japanese_interface(dash_duo, outside_requests: OutsideRequests) -> None:
    _open_at(dash_duo, "?lang=ja&select=kadena-air-base", "嘉手納飛行場")
    dash_duo.wait_for_contains_text(".topbar", "地図で見る日米同盟")
    assert "レイヤー" in dash_duo.find_element(".sidebar").text
    assert "出典" in dash_duo.find_element(PANEL).text
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_map_and_panel_do_not_overlap(
    dash_duo, outside_requests: OutsideRequests, width: int, height: int
) -> None:
    dash_duo.driver.set_window_size(width, height)
    _open_at(dash_duo, "?select=kadena-air-base", "Kadena Air Base")
    graph, panel = rect_of(dash_duo.driver, f"#{ids.MAP}"), rect_of(dash_duo.driver, PANEL)
    assert graph["width"] > 0.5 * width - 200 and graph["height"] > 300
    assert apart(graph, panel, slack=1), (graph, panel)
    assert not scrolls_sideways(dash_duo.driver, PANEL)  # no sideways scrolling in the panel
    marks = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' .dash-slider-mark'))"
        ".map(function (m) { var r = m.getBoundingClientRect().toJSON(); r.text = m.innerText;"
        " return r; })"
        ".filter(function (r) { return r.width > 0; })"
        ".sort(function (a, b) { return a.left - b.left; });",
        ids.YEAR,
    )
    assert len(marks) >= 4
    crowded = [(a, b) for a, b in pairwise(marks) if a["right"] + 2 > b["left"]]
    assert not crowded, crowded  # the year labels under the slider stay readable
    assert marks[-1]["text"] == "today"  # the present is always labelled
    SHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SHOTS / f"dashboard-{width}x{height}.png"))
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_a_phone_opens_on_the_whole_of_japan_with_the_controls_near(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    driver = dash_duo.driver
    driver.set_window_size(390, 844)
    dash_duo.start_server(create_app())
    wait_for_map(driver)
    assert shows_japan(settled_bounds(driver))
    fitted = center(driver)
    assert fitted[2] < View().zoom
    # The attribution is folded to its button, and the scale bar is clear of it.
    attribution = driver.find_element("css selector", f"#{ids.MAP} .maplibregl-ctrl-attrib")
    assert "maplibregl-compact-show" not in attribution.get_attribute("class")
    bar = rect_of(driver, f"#{ids.MAP} .map-scale")
    box = rect_of(driver, f"#{ids.MAP} .maplibregl-ctrl-attrib")
    assert apart(bar, box), (bar, box)
    # The overview panel (many screens long) scrolls in its box: the controls stay near.
    toggles = driver.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top + scrollY;",
        ids.LAYER_TOGGLES,
    )
    assert toggles < 2.5 * driver.execute_script("return innerHeight;")
    # A new figure from the server (a filter) keeps the whole of Japan in view.
    dropdown = dash_duo.find_element(f"#{ids.FILTER_OPERATOR}")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", dropdown
    )
    dash_duo.select_dcc_dropdown(f"#{ids.FILTER_OPERATOR}", value="U.S. Marine Corps")
    _wait_on_map(driver, lambda d: "disputed_islands" not in d)
    wait_for_callbacks(driver)
    assert center(driver) == pytest.approx(fitted, abs=0.01)  # the address rounds the zoom
    assert "view=" in driver.current_url
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.parametrize(
    ("width", "height", "query"),
    [(1366, 768, ""), (1366, 768, "?view=33,135.5,3.7"), (390, 844, "?view=33,135.5,3.7")],
)
def test_the_map_opens_at_the_default_zoom_on_a_laptop_and_where_a_link_says(
    dash_duo, width: int, height: int, query: str
) -> None:
    dash_duo.driver.set_window_size(width, height)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/{query}")
    wait_for_map(dash_duo.driver)
    settled_bounds(dash_duo.driver)
    assert center(dash_duo.driver)[2] == pytest.approx(View().zoom)


def test_a_click_on_a_shared_point_opens_the_place_in_use_not_the_faded_one(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """Fukuoka Airport: the U.S. enclave still in use is drawn over the returned air base."""
    enclave = CATALOG.feature("itazuke-airfield")
    _open_at(dash_duo, f"?view={enclave['lat']},{enclave['lon']},11", "Overview")
    click_lonlat(dash_duo.driver, enclave["lon"], enclave["lat"])
    dash_duo.wait_for_contains_text(PANEL, enclave["name_en"], timeout=10)
    assert "Itazuke Air Base" in dash_duo.find_element(f"{PANEL} .also-here").text
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_a_place_hidden_under_another_marker_is_reached_from_the_panel(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """Kuba-jima and the Kobi Sho Range share one point: the range's panel opens the island's."""
    kuba = CATALOG.feature("kuba-jima")
    _open_at(dash_duo, "?select=kobi-sho-range", "Also at this point")
    dash_duo.find_element(f"{PANEL} .place-link").click()
    dash_duo.wait_for_contains_text(f"{PANEL} h2", kuba["name_en"], timeout=10)
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "select=kuba-jima" in d.current_url)
    dash_duo.wait_for_contains_text(PANEL, "Kobi Sho Range")  # and back again
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_a_timeline_event_selects_its_place(app_page) -> None:
    yonaguni = CATALOG.feature("jgsdf-camp-yonaguni")
    button = next(
        b
        for b in app_page.find_elements(f"{PANEL} .event-place")
        if "jgsdf-camp-yonaguni" in b.get_attribute("id")
    )
    app_page.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    app_page.wait_for_contains_text(PANEL, yonaguni["name_en"], timeout=10)
    WebDriverWait(app_page.driver, 10).until(lambda d: abs(center(d)[0] - yonaguni["lon"]) < 0.05)


def test_an_online_basemap_that_fails_falls_back_to_the_built_in_one(dash_duo) -> None:
    """Offline, a chosen online basemap cannot load: the built-in map returns, with a notice."""
    dash_duo.start_server(create_app())
    wait_for_map(dash_duo.driver)
    jump_to(dash_duo.driver, 127.7, 26.3, 8)
    dash_duo.select_dcc_dropdown(f"#{ids.BASEMAP}", value=ui("streets", "en"))
    shown = f"var e = document.getElementById('{ids.BASEMAP_NOTICE}'); return !!e && !e.hidden;"
    WebDriverWait(dash_duo.driver, 20).until(lambda d: d.execute_script(shown))  # after a reload
    assert ui("offline", "en") in dash_duo.find_element(f"#{ids.BASEMAP}").text
    dash_duo.find_element(f"#{ids.BASEMAP_NOTICE_CLOSE}").click()
    WebDriverWait(dash_duo.driver, 5).until(lambda d: not d.execute_script(shown))
    assert center(dash_duo.driver)[:2] == pytest.approx((127.7, 26.3), abs=0.01)
    style = "return typeof document.querySelector('#map .js-plotly-plot').layout.map.style;"
    WebDriverWait(dash_duo.driver, 20).until(lambda d: d.execute_script(style) == "object")
    wait_for_map(dash_duo.driver)  # the built-in map draws again


def test_a_whole_layer_downloads_as_geojson_with_sources(app_page) -> None:
    _open_section(app_page, "Download")
    button_id = '{"format":"geojson","layer":"okinawa_facilities","type":"download-layer"}'
    button = app_page.driver.execute_script(
        "return document.getElementById(arguments[0]);", button_id
    )
    app_page.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    target = Path(app_page.download_path) / "alliance-map-okinawa_facilities.geojson"
    WebDriverWait(app_page.driver, 15).until(lambda d: target.exists() and target.stat().st_size)
    doc = json.loads(target.read_text())
    ids_ = [f["properties"]["id"] for f in doc["features"]]
    assert ids_ == list(CATALOG.layers["okinawa_facilities"].frame.index)
    assert all(f["properties"]["sources"][0]["url"] for f in doc["features"])


def test_the_language_link_switches_to_japanese_and_keeps_the_view(app_page) -> None:
    _search(app_page, "Kadena Air", "Kadena Air Base")
    app_page.wait_for_contains_text(PANEL, "Kadena Air Base")
    app_page.find_element(f"#{ids.LANG_LINK}").click()
    app_page.wait_for_contains_text(".topbar", "地図で見る日米同盟")
    wait_for_map(app_page.driver)
    app_page.wait_for_contains_text(PANEL, "嘉手納飛行場")
    assert "select=kadena-air-base" in app_page.driver.current_url


def test_keyboard_only_search_and_layer_toggle(app_page) -> None:
    driver = app_page.driver
    driver.find_element("tag name", "body").send_keys(Keys.TAB)  # first stop: the search box
    assert driver.switch_to.active_element.get_attribute("id") == ids.SEARCH
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    box = app_page.wait_for_element(".dash-dropdown-search")
    box.send_keys("Yokota")
    app_page.wait_for_contains_text(".dash-dropdown-content", "Yokota Air Base")
    box.send_keys(Keys.ENTER)
    app_page.wait_for_contains_text(PANEL, "Yokota Air Base")
    toggle = app_page.find_element(f"#{ids.LAYER_TOGGLES} input[value='us_bases']")
    driver.execute_script("arguments[0].focus();", toggle)
    driver.switch_to.active_element.send_keys(Keys.SPACE)
    _wait_on_map(driver, lambda d: "us_bases" not in d)


def test_the_map_camera_button_saves_a_slide_sized_png(app_page) -> None:
    from PIL import Image

    titles = [b.get_attribute("data-title") for b in app_page.find_elements(".modebar-btn")]
    assert not any("Share" in t or "Cloud" in t for t in titles), titles  # nothing uploads
    button = app_page.find_element(f"#{ids.MAP} .modebar-btn[data-title='Download plot as a PNG']")
    app_page.driver.execute_script("arguments[0].click();", button)
    target = Path(app_page.download_path) / "alliance-map.png"
    WebDriverWait(app_page.driver, 30).until(lambda d: target.exists() and target.stat().st_size)
    assert Image.open(target).size == (1920, 1080)
