"""Helpers for browser tests: wait for the MapLibre map, read what it drew, click a point."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.support.ui import WebDriverWait

MAP_JS = "var gd = document.querySelector('#map .js-plotly-plot'); "
MAP_OBJ = MAP_JS + "var m = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map; "


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
            if (!t.customdata) { return; }
            var layer = 'plotly-trace-layer-' + t.uid + '-circle';
            if (!m.getLayer(layer)) { return; }
            var seen = m.queryRenderedFeatures({layers: [layer]}).length;
            out[t.uid] = seen ? t.customdata.map(function (c) { return c[0]; }) : [];
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
    script = MAP_OBJ + "m.jumpTo({center: [arguments[0], arguments[1]], zoom: arguments[2]});"
    driver.execute_script(script, lon, lat, zoom)
    wait_for_map(driver)


def click_lonlat(driver: Any, lon: float, lat: float) -> None:
    """Click the map where (lon, lat) is drawn, as a user would (a real pointer event)."""
    script = MAP_OBJ + (
        "var p = m.project([arguments[0], arguments[1]]);"
        "var r = m.getCanvas().getBoundingClientRect();"
        "return [r.left + p.x, r.top + p.y];"
    )
    x, y = driver.execute_script(script, lon, lat)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.pointer_action.click()
    actions.perform()
