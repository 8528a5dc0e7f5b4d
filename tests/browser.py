"""Helpers for browser tests: wait for the MapLibre map, read what it drew, click a point."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.support.ui import WebDriverWait

MAP_JS = "var gd = document.querySelector('#map .js-plotly-plot'); "
MAP_OBJ = MAP_JS + "var m = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map; "
JAPAN = (122.9, 24.0, 146.0, 45.6)  # west, south, east, north: Yonaguni to Soya and Nemuro


def wait_for_map(driver: Any, timeout: float = 30) -> None:
    """Until the map and its basemap sources have loaded and rendered."""
    script = MAP_OBJ + (
        "return !!(m && m.loaded() && m.isSourceLoaded('land') && m.isSourceLoaded('borders')"
        " && m.areTilesLoaded());"
    )
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script))


def rendered_ids_by_trace(driver: Any) -> dict[str, list[str]]:
    """Feature ids MapLibre actually drew, per plotly trace uid (from the rendered circles)."""
    script = (
        MAP_OBJ
        + """
        var out = {};
        gd._fullData.forEach(function (t) {
            if (!t.customdata || t.visible !== true) { return; }
            var layer = 'plotly-trace-layer-' + t.uid + '-circle';
            if (!m.getLayer(layer)) { return; }
            var seen = m.queryRenderedFeatures({layers: [layer]}).length;
            out[t.uid] = seen ? t.customdata.map(function (c) { return c[0]; }) : [];
        });
        return out;
    """
    )
    return driver.execute_script(script)


def trace_ids(driver: Any) -> dict[str, list[str]]:
    """Feature ids on the map per clickable trace uid (whether or not they are in view)."""
    script = (
        MAP_JS
        + """
        var out = {};
        gd._fullData.forEach(function (t) {
            if (t.customdata && t.visible === true) {
                out[t.uid] = t.customdata.map(function (c) { return c[0]; });
            }
        });
        return out;
    """
    )
    return driver.execute_script(script)


def rendered_basemap_layers(driver: Any, lon: float, lat: float) -> list[str]:
    """Basemap style layers drawn at a point (e.g. ['land', 'coast'])."""
    script = MAP_OBJ + (
        "var p = m.project([arguments[0], arguments[1]]);"
        "return m.queryRenderedFeatures(p).map(function (f) { return f.layer.id; });"
    )
    return driver.execute_script(script, lon, lat)


def jump_to(driver: Any, lon: float, lat: float, zoom: float) -> None:
    """Move the map through plotly, so the app hears of it as it would of a user's move."""
    script = MAP_JS + (
        "Plotly.relayout(gd, {'map.center': {lon: arguments[0], lat: arguments[1]},"
        " 'map.zoom': arguments[2]});"
    )
    driver.execute_script(script, lon, lat, zoom)
    wait_for_map(driver)


def drag_map(driver: Any, dx: int, dy: int) -> None:
    """Drag the map with the pointer from its centre by (dx, dy) pixels."""
    script = MAP_OBJ + (
        "var r = m.getCanvas().getBoundingClientRect();"
        "return [r.left + r.width / 2, r.top + r.height / 2];"
    )
    x, y = driver.execute_script(script)
    actions = ActionBuilder(driver)
    pointer = actions.pointer_action
    pointer.move_to_location(round(x), round(y))
    pointer.pointer_down()
    for step in range(1, 11):
        pointer.move_to_location(round(x + dx * step / 10), round(y + dy * step / 10))
    pointer.pointer_up()
    actions.perform()
    wait_for_map(driver)


def wait_for_callbacks(driver: Any, timeout: float = 15) -> None:
    """Until Dash has no callback queued, running or waiting for the server."""
    script = (
        "var s = window.dash_stores && window.dash_stores[0]; if (!s) { return false; }"
        "var st = s.getState(); if (st.isLoading) { return false; }"
        "return Object.keys(st.callbacks).every(function (k) {"
        " var q = st.callbacks[k]; return !Array.isArray(q) || q.length === 0; });"
    )
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script))


def settled_bounds(driver: Any) -> list[float]:
    """(west, south, east, north) of the map once it has stopped moving by itself."""
    script = MAP_OBJ + (
        "var b = m.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];"
    )
    seen: list[list[float]] = []

    def still(d: Any) -> bool:
        seen.append(d.execute_script(script))
        return len(seen) > 1 and seen[-1] == seen[-2]

    WebDriverWait(driver, 20, poll_frequency=1).until(still)
    return seen[-1]


def shows_japan(bounds: list[float]) -> bool:
    west, south, east, north = bounds
    return west <= JAPAN[0] and south <= JAPAN[1] and east >= JAPAN[2] and north >= JAPAN[3]


def rect_of(driver: Any, selector: str) -> dict[str, float]:
    """The element's box on the page (left, top, right, bottom, width, height)."""
    script = "return document.querySelector(arguments[0]).getBoundingClientRect().toJSON();"
    return driver.execute_script(script, selector)


def apart(a: dict[str, float], b: dict[str, float], slack: float = 0) -> bool:
    """Whether two boxes do not overlap (they may touch, or overlap by `slack` px)."""
    return (
        a["right"] <= b["left"] + slack
        or b["right"] <= a["left"] + slack
        or a["bottom"] <= b["top"] + slack
        or b["bottom"] <= a["top"] + slack
    )


def center(driver: Any) -> tuple[float, float, float]:
    """(lon, lat, zoom) of the map as drawn."""
    script = MAP_OBJ + "var c = m.getCenter(); return [c.lng, c.lat, m.getZoom()];"
    lon, lat, zoom = driver.execute_script(script)
    return lon, lat, zoom


def click_lonlat(
    driver: Any, lon: float, lat: float, frame_offset: tuple[float, float] = (0, 0)
) -> None:
    """Click the map where (lon, lat) is drawn, as a user would (a real pointer event).

    Pointer positions are in the top-level page; inside an <iframe>, pass the frame's offset.
    """
    script = MAP_OBJ + (
        "var p = m.project([arguments[0], arguments[1]]);"
        "var r = m.getCanvas().getBoundingClientRect();"
        "return [r.left + p.x + arguments[2], r.top + p.y + arguments[3]];"
    )
    x, y = driver.execute_script(script, lon, lat, *frame_offset)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.pointer_action.click()
    actions.perform()


def scrolls_sideways(driver: Any, selector: str) -> bool:
    """Whether the element's content is wider than the element (a sideways scrollbar)."""
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]); return e.scrollWidth > e.clientWidth;",
        selector,
    )
