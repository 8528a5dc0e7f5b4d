"""URL state, embed mode, the share dialog and framing by other sites."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import ids
from dashboard.app import create_app
from dashboard.security import ConfigError, frame_ancestors
from layers import load_catalog
from tests.browser import (
    MAP_OBJ,
    apart,
    click_lonlat,
    rect_of,
    scrolls_sideways,
    settled_bounds,
    shows_japan,
    trace_ids,
    wait_for_map,
)
from tests.conftest import ROOT, OutsideRequests

CATALOG = load_catalog(ROOT / "geodata")
PANEL = f"#{ids.INFO_PANEL}"
EMBED = "/?layers=okinawa_facilities&view=26.35,127.77,10&select=kadena-air-base&lang=ja&embed=1"
HOSTILE = [
    "?layers=<script>alert(1)</script>&view=nan,1e999,zz&select=../../etc/passwd",
    "?lang=<img src=x onerror=alert(1)>&basemap=javascript:alert(1)",
    "?select=%3Cscript%3Ealert(1)%3C/script%3E&embed=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "?view=26,127,99&layers=us_bases&layers=<svg/onload=alert(1)>&operator=<b>x</b>",
    "?" + "layers=" + "A" * 5000,
    "?kind=%00%01%02&status=../../&select=kadena-air-base%00",
]


def _wait(driver, predicate, timeout: float = 10):
    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(predicate)


def _assert_the_map_fills_the_frame(driver) -> None:
    """The map takes the whole width and all the height but the footer's."""

    def size():
        return driver.execute_script(
            "var r = document.getElementById('map').getBoundingClientRect();"
            "return [r.width, r.height, window.innerWidth, window.innerHeight];"
        )

    try:
        _wait(driver, lambda d: (s := size())[0] == s[2] and s[1] >= s[3] - 40, timeout=5)
    except TimeoutException:
        raise AssertionError(f"map {size()[:2]} in a window of {size()[2:]}") from None


def _clear_of_panel(driver, lonlat: tuple[float, float] | None = None, margin: int = 0) -> bool:
    """Whether a point of the map lies outside the floating panel, by `margin` px: where
    (lon, lat) is drawn, or the map's centre, where the selected place is drawn."""
    return driver.execute_script(
        MAP_OBJ + "var b = document.querySelector(arguments[0]).getBoundingClientRect(), x, y;"
        "if (arguments[1]) { var a = m.getContainer().getBoundingClientRect();"
        " var p = m.project(arguments[1]); x = a.left + p.x; y = a.top + p.y; }"
        "else { var g = document.getElementById('map').getBoundingClientRect();"
        " x = g.left + g.width / 2; y = g.top + g.height / 2; }"
        "var r = arguments[2];"
        "return x + r < b.left || x - r > b.right || y + r < b.top || y - r > b.bottom;",
        PANEL,
        list(lonlat) if lonlat else None,
        margin,
    )


# The places drawn under the legend.
_UNDER_LEGEND = (
    MAP_OBJ
    + """
var legend = document.querySelector('#map .legend').getBoundingClientRect();
var area = m.getContainer().getBoundingClientRect(), r = 6, under = [];
gd.data.forEach(function (t) {
  if (!t.customdata || t.visible === false) { return; }
  t.customdata.forEach(function (c, i) {
    var p = m.project([t.lon[i], t.lat[i]]), x = area.left + p.x, y = area.top + p.y;
    var inside = x + r > legend.left && x - r < legend.right
      && y + r > legend.top && y - r < legend.bottom;
    if (inside) { under.push(c[0]); }
  });
});
return under;
"""
)


@pytest.mark.browser
def test_an_embed_without_a_view_shows_all_of_japan_and_its_legend_hides_no_place(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    dash_duo.driver.set_window_size(640, 600)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url + "/?embed=1")
    wait_for_map(dash_duo.driver)
    assert shows_japan(settled_bounds(dash_duo.driver))
    assert dash_duo.driver.execute_script(_UNDER_LEGEND) == []
    legend = rect_of(dash_duo.driver, f"#{ids.MAP} .legend")
    bar = rect_of(dash_duo.driver, f"#{ids.MAP} .map-scale")
    assert apart(legend, bar), (legend, bar)
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


_SCREEN_X = MAP_OBJ + (
    "var box = m.getContainer().getBoundingClientRect(); var t = gd.data.find("
    "t => t.uid === arguments[0]); if (!t) { return null; }"
    "return t.lon.map((lon, i) => box.left + m.project([lon, t.lat[i]]).x);"
)


@pytest.mark.browser
def test_an_embed_opened_on_a_place_shows_it_and_its_rings_beside_the_panel(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """Centred as the link asks, Kadena sat at the panel's edge and half its ring under it."""
    dash_duo.driver.set_window_size(640, 545)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url + "/?embed=1&select=kadena-air-base&rings=300")
    wait_for_map(dash_duo.driver)
    dash_duo.wait_for_contains_text(PANEL, "Kadena Air Base")
    settled_bounds(dash_duo.driver)
    panel = rect_of(dash_duo.driver, PANEL)
    ring_x = dash_duo.driver.execute_script(_SCREEN_X, "ring-300")
    halo_x = dash_duo.driver.execute_script(_SCREEN_X, "selection")
    assert halo_x and halo_x[0] < panel["left"] - 100, (halo_x, panel)
    assert max(ring_x) < panel["left"], (max(ring_x), panel)
    assert min(ring_x) > 0
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_embed_view_shows_only_the_map_layer_and_panel(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url + EMBED)
    wait_for_map(dash_duo.driver)
    assert set(k for k, v in trace_ids(dash_duo.driver).items() if v) == {"okinawa_facilities"}
    dash_duo.wait_for_contains_text(PANEL, "嘉手納")
    for hidden in (".topbar", ".sidebar", f"#{ids.LAYER_TOGGLES}"):
        assert not dash_duo.find_element(hidden).is_displayed()
    _assert_the_map_fills_the_frame(dash_duo.driver)
    dash_duo.driver.set_window_size(480, 700)  # a frame narrower than the phone layout's width
    _assert_the_map_fills_the_frame(dash_duo.driver)
    for width, height in [(480, 700), (700, 500)]:  # a tall frame and a short, wide one
        dash_duo.driver.set_window_size(width, height)
        dash_duo.driver.get(dash_duo.server_url + EMBED.replace("&lang=ja", ""))
        dash_duo.wait_for_contains_text(PANEL, "Taiwan (nearest coast)")
        assert not scrolls_sideways(dash_duo.driver, PANEL)  # the floating panel never does
        assert _clear_of_panel(dash_duo.driver, margin=12), (width, height)
    footer = dash_duo.find_element(".attribution a")
    assert "embed" not in footer.get_attribute("href")  # opens the full dashboard
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_a_place_clicked_where_the_embed_panel_opens_is_moved_into_sight(
    dash_duo, outside_requests: OutsideRequests
) -> None:
    """White Beach lies right of the centre, where the floating panel opens over the map."""
    white_beach = CATALOG.feature("white-beach-area")
    dash_duo.driver.set_window_size(700, 500)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(
        dash_duo.server_url + "/?embed=1&layers=okinawa_facilities&view=26.35,127.77,10"
    )
    wait_for_map(dash_duo.driver)
    click_lonlat(dash_duo.driver, white_beach["lon"], white_beach["lat"])
    dash_duo.wait_for_contains_text(PANEL, white_beach["name_en"], timeout=10)
    _wait(dash_duo.driver, lambda d: _clear_of_panel(d, (white_beach["lon"], white_beach["lat"])))
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_hostile_query_strings_give_a_normal_page(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    for query in HOSTILE:
        dash_duo.driver.get(dash_duo.server_url + "/" + query)
        wait_for_map(dash_duo.driver)
        dash_duo.wait_for_contains_text(".topbar", "alliance")
        page = dash_duo.driver.page_source
        assert "alert(1)" not in page and "etc/passwd" not in page, query
        assert any(trace_ids(dash_duo.driver).values()), query  # a map with places on it
        assert dash_duo.get_logs() == [], query
    assert outside_requests() == []


@pytest.mark.browser
def test_back_and_forward_restore_earlier_states(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url + "/?select=kadena-air-base")
    wait_for_map(dash_duo.driver)
    dash_duo.wait_for_contains_text(PANEL, "Kadena Air Base")
    box = dash_duo.find_element(f"#{ids.LAYER_TOGGLES} input[value='us_bases']")
    box.click()
    _wait(dash_duo.driver, lambda d: "layers=" in d.current_url)
    dash_duo.find_element(f"#{ids.SEARCH}").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys("Futenma")
    dash_duo.wait_for_contains_text(".dash-dropdown-content", "Futenma")
    search.send_keys(Keys.ENTER)
    _wait(dash_duo.driver, lambda d: "select=mcas-futenma" in d.current_url)
    dash_duo.driver.back()
    _wait(dash_duo.driver, lambda d: "select=kadena-air-base" in d.current_url)
    dash_duo.wait_for_contains_text(PANEL, "Kadena Air Base")
    assert not dash_duo.find_element(f"#{ids.LAYER_TOGGLES} input[value='us_bases']").is_selected()
    dash_duo.driver.forward()
    _wait(dash_duo.driver, lambda d: "select=mcas-futenma" in d.current_url)
    dash_duo.wait_for_contains_text(PANEL, "Futenma")
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_share_gives_the_link_and_an_iframe_snippet(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url + "/?select=kadena-air-base&lang=en")
    wait_for_map(dash_duo.driver)
    dialog = dash_duo.find_element(f"#{ids.SHARE_MODAL}")
    assert not dialog.is_displayed()
    dash_duo.find_element(f"#{ids.SHARE_OPEN}").click()
    _wait(dash_duo.driver, lambda d: dialog.is_displayed())
    link = dash_duo.find_element(f"#{ids.SHARE_LINK}")
    assert dash_duo.driver.switch_to.active_element == link  # focus moves into the dialog
    _wait(dash_duo.driver, lambda d: "select=kadena-air-base" in link.get_attribute("value"))
    assert link.get_attribute("value").startswith(dash_duo.server_url)
    width = dash_duo.find_element(f"#{ids.SHARE_WIDTH}")
    width.send_keys(Keys.CONTROL, "a")
    width.send_keys("640")
    snippet = dash_duo.find_element(f"#{ids.SHARE_SNIPPET}")
    _wait(dash_duo.driver, lambda d: 'width="640"' in snippet.get_attribute("value"))
    value = snippet.get_attribute("value")
    assert value.startswith("<iframe src=") and "embed=1" in value and 'height="500"' in value
    preview = dash_duo.find_element(f"#{ids.SHARE_PREVIEW}")
    assert "embed=1" in preview.get_attribute("src")
    dash_duo.driver.switch_to.frame(preview)
    wait_for_map(dash_duo.driver)
    dash_duo.driver.switch_to.default_content()
    link.send_keys(Keys.ESCAPE)  # closes the dialog and stops the preview
    _wait(dash_duo.driver, lambda d: not dialog.is_displayed())
    _wait(dash_duo.driver, lambda d: preview.get_attribute("src") == "about:blank")
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == ids.SHARE_OPEN
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


class _HostPage(BaseHTTPRequestHandler):
    """A page of another site (another port) that embeds the app in an <iframe>."""

    src = ""

    def do_GET(self) -> None:
        body = (
            "<!doctype html><title>host</title><h1>A host page</h1>"
            f'<iframe id="embedded" src="{self.src}" width="900" height="600"></iframe>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host_page():
    def serve(src: str) -> str:
        handler = type("Host", (_HostPage,), {"src": src})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    servers: list[ThreadingHTTPServer] = []
    yield serve
    for server in servers:
        server.shutdown()


@pytest.mark.browser
def test_a_marker_clicks_inside_an_iframe_on_another_origin(
    dash_duo, host_page, outside_requests: OutsideRequests
) -> None:
    dash_duo.start_server(create_app())
    kadena = CATALOG.feature("kadena-air-base")
    src = dash_duo.server_url + "/?embed=1&layers=okinawa_facilities&view=26.35,127.77,11"
    dash_duo.driver.get(host_page(src))
    frame = dash_duo.wait_for_element("#embedded")
    rect = dash_duo.driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.left + arguments[0].clientLeft,"
        " r.top + arguments[0].clientTop];",
        frame,
    )
    dash_duo.driver.switch_to.frame(frame)
    wait_for_map(dash_duo.driver)
    click_lonlat(dash_duo.driver, kadena["lon"], kadena["lat"], frame_offset=tuple(rect))
    dash_duo.wait_for_contains_text(PANEL, "Kadena Air Base", timeout=10)
    dash_duo.driver.switch_to.default_content()
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_framing_can_be_restricted(dash_duo, host_page, monkeypatch) -> None:
    monkeypatch.setenv("ALLIANCE_MAP_FRAME_ANCESTORS", "'self' https://news.example")
    dash_duo.start_server(create_app())
    dash_duo.driver.get(host_page(dash_duo.server_url + "/?embed=1"))
    frame = dash_duo.wait_for_element("#embedded")
    dash_duo.driver.switch_to.frame(frame)
    _wait(dash_duo.driver, lambda d: d.execute_script("return document.readyState") == "complete")
    assert dash_duo.driver.find_elements("id", ids.MAP) == []  # the browser refused to frame it
    dash_duo.driver.switch_to.default_content()


def test_frame_ancestors_header_both_ways(monkeypatch) -> None:
    def ancestors(csp: str) -> str:
        return next(d for d in csp.split("; ") if d.startswith("frame-ancestors"))

    client = create_app().server.test_client()
    assert ancestors(client.get("/").headers["Content-Security-Policy"]) == "frame-ancestors *"
    monkeypatch.setenv("ALLIANCE_MAP_FRAME_ANCESTORS", "'self' https://news.example")
    client = create_app().server.test_client()
    csp = client.get("/_dash-layout").headers["Content-Security-Policy"]
    assert ancestors(csp) == "frame-ancestors 'self' https://news.example"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", "*"), ("none", "'none'"), ("https://a.example  'self'", "https://a.example 'self'")],
)
def test_frame_ancestors_setting(raw: str, expected: str) -> None:
    assert frame_ancestors(raw) == expected


@pytest.mark.parametrize("raw", ["https://a.example; script-src *", "javascript:alert(1)", "<x>"])
def test_a_bad_frame_ancestors_setting_is_refused(raw: str) -> None:
    with pytest.raises(ConfigError):
        frame_ancestors(raw)


def test_serve_refuses_a_bad_frame_setting(monkeypatch, capsys) -> None:
    from dashboard.cli import main

    monkeypatch.setenv("ALLIANCE_MAP_FRAME_ANCESTORS", "https://a.example; script-src *")
    assert main(["serve", "--port", "1"]) == 1
    assert "ALLIANCE_MAP_FRAME_ANCESTORS" in capsys.readouterr().err


del Path
