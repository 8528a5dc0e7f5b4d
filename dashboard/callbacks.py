"""Thin callbacks: check inputs, then call the pure builders. Anything unexpected: no change."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard import ids
from dashboard.downloads import csv_text, geojson_text
from dashboard.figures import map_figure
from dashboard.layout import layer_options
from dashboard.panels import side_panel
from dashboard.selection import shown
from dashboard.state import BASEMAPS, View, ViewState, filter_values, from_query, to_query
from dashboard.text import kind_label
from layers import Catalog

# When an online basemap fails (no network), the page reloads on the built-in map and says why:
# plotly cannot switch styles while the failing one keeps raising errors. The rest of the view
# is kept, since it is in the URL.
WATCH_TILES_JS = """
function (figure) {
    var gd = document.querySelector('#map .js-plotly-plot');
    var map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
    if (map && !map.__allianceWatch) {
        map.__allianceWatch = true;
        map.on('error', function () {
            var style = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map.style;
            if (typeof style !== 'string' || window.__allianceReloading) { return; }
            window.__allianceReloading = true;
            var params = new URLSearchParams(window.location.search);
            params.delete('basemap');
            window.sessionStorage.setItem('alliance-map-tiles-failed', '1');
            var query = params.toString();
            window.location.replace(window.location.pathname + (query ? '?' + query : ''));
        });
    }
    return window.dash_clientside.no_update;
}
"""

SHOW_TILE_NOTICE_JS = """
function (search) {
    var failed = window.sessionStorage.getItem('alliance-map-tiles-failed');
    window.sessionStorage.removeItem('alliance-map-tiles-failed');
    return failed === '1';
}
"""


def _strings(value: Any, allowed: set[str] | tuple[str, ...]) -> tuple[str, ...] | None:
    """The known strings of a list input, or None when the input is not a list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(v for v in allowed if v in value)


def _view(relayout: Any, fallback: View) -> View:
    """The map's centre and zoom from plotly relayoutData, if it carries them."""
    if not isinstance(relayout, dict):
        return fallback
    center, zoom = relayout.get("map.center"), relayout.get("map.zoom")
    try:
        lat = float(center["lat"]) if isinstance(center, dict) else fallback.lat
        lon = float(center["lon"]) if isinstance(center, dict) else fallback.lon
        zoom = float(zoom) if isinstance(zoom, int | float) else fallback.zoom
    except (KeyError, TypeError, ValueError):
        return fallback
    view = View(round(lat, 5), round(lon, 5), round(zoom, 2))
    ok = -85 <= view.lat <= 85 and -180 <= view.lon <= 180 and 0 <= view.zoom <= 22
    return view if ok else fallback


def _bounds(relayout: Any) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the map in view, from plotly's derived corner coordinates."""
    try:
        corners = relayout["map._derived"]["coordinates"]
        lons = [float(c[0]) for c in corners]
        lats = [float(c[1]) for c in corners]
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return min(lons), min(lats), max(lons), max(lats)


def register(app: Dash, catalog: Catalog) -> None:
    values = filter_values(catalog)
    layer_ids = tuple(catalog.layers)

    def state_from(query: Any) -> ViewState:
        return from_query(query if isinstance(query, str) else "", catalog)

    def controls_state(base: ViewState, layers, operators, statuses, kinds, basemap, selected):
        """The state the controls describe; a control with an unexpected value keeps `base`."""
        changes: dict[str, Any] = {}
        for name, raw, allowed in (
            ("layers", layers, layer_ids),
            ("operators", operators, values["operators"]),
            ("statuses", statuses, values["statuses"]),
            ("kinds", kinds, values["kinds"]),
        ):
            known = _strings(raw, allowed)
            if known is not None:
                changes[name] = known
        if basemap in BASEMAPS:
            changes["basemap"] = basemap
        if selected is None or (isinstance(selected, str) and catalog.layer_of(selected)):
            changes["select"] = selected
        return base.with_(**changes)

    controls = [
        Input(ids.LAYER_TOGGLES, "value"),
        Input(ids.FILTER_OPERATOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_KIND, "value"),
        Input(ids.BASEMAP, "value"),
        Input(ids.SELECTED, "data"),
    ]

    @app.callback(
        Output(ids.STATE, "data"),
        *controls,
        Input(ids.MAP, "relayoutData"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_state(layers, operators, statuses, kinds, basemap, selected, relayout, query):
        base = state_from(query)
        state = controls_state(base, layers, operators, statuses, kinds, basemap, selected)
        state = state.with_(view=_view(relayout, base.view))
        new = to_query(state, catalog)
        return no_update if new == query else new

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.LANG_LINK, "href"),
        Input(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def sync_url(query):
        state = state_from(query)
        other = "ja" if state.lang == "en" else "en"
        return to_query(state, catalog) or "?", to_query(state.with_(lang=other), catalog) or "?"

    @app.callback(
        Output(ids.MAP, "figure"),
        *controls,
        Input(ids.FOCUS, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def render_map(layers, operators, statuses, kinds, basemap, selected, focus, query):
        base = state_from(query)
        state = controls_state(base, layers, operators, statuses, kinds, basemap, selected)
        uirevision = "map"
        if isinstance(focus, dict) and isinstance(focus.get("n"), int):
            uirevision = f"focus-{focus['n']}"
            feature = catalog.feature(focus.get("id")) if isinstance(focus.get("id"), str) else None
            if feature is not None and f"{ids.FOCUS}.data" in ctx.triggered_prop_ids:
                zoom = max(base.view.zoom, 9.0)
                state = state.with_(view=View(feature["lat"], feature["lon"], zoom))
        return map_figure(catalog, state, uirevision)

    @app.callback(
        Output(ids.SELECTED, "data"),
        Output(ids.FOCUS, "data"),
        Input(ids.MAP, "clickData"),
        Input(ids.SEARCH, "value"),
        Input(ids.FEATURE_TABLE, "active_cell"),
        Input({"type": ids.TIMELINE_ITEM, "place": ALL, "index": ALL}, "n_clicks"),
        Input({"type": ids.PANEL_CLOSE, "index": ALL}, "n_clicks"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def select(click, searched, cell, _timeline, closed, focus):
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and trigger.get("type") == ids.PANEL_CLOSE:
            return (None, no_update) if any(closed or []) else (no_update, no_update)
        fid: Any = None
        if trigger == ids.MAP:
            fid = _clicked_id(click)
        elif trigger == ids.SEARCH:
            fid = searched
        elif trigger == ids.FEATURE_TABLE:
            fid = cell.get("row_id") if isinstance(cell, dict) else None
        elif isinstance(trigger, dict) and trigger.get("type") == ids.TIMELINE_ITEM:
            clicked = ctx.triggered[0].get("value") if ctx.triggered else None
            fid = trigger.get("place") if clicked else None
        if not isinstance(fid, str) or catalog.layer_of(fid) is None:
            return no_update, no_update
        if trigger == ids.MAP:
            return fid, no_update
        count = focus["n"] + 1 if isinstance(focus, dict) and isinstance(focus.get("n"), int) else 1
        return fid, {"id": fid, "n": count}

    @app.callback(
        Output(ids.INFO_PANEL, "children"),
        Input(ids.SELECTED, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def render_panel(selected, query):
        lang = state_from(query).lang
        fid = selected if isinstance(selected, str) else None
        return side_panel(catalog, fid, lang)

    @app.callback(
        Output(ids.LAYER_TOGGLES, "options"),
        Input(ids.FILTER_OPERATOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_KIND, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def layer_counts(operators, statuses, kinds, query):
        base = state_from(query)
        state = controls_state(base, None, operators, statuses, kinds, None, base.select)
        return layer_options(catalog, state)

    @app.callback(
        Output(ids.FEATURE_TABLE, "data"),
        Input(ids.STATE, "data"),
        Input(ids.MAP, "relayoutData"),
    )
    def table_rows(query, relayout):
        state = state_from(query)
        bounds = _bounds(relayout)
        rows = []
        for layer_id, frame in shown(catalog, state).items():
            title = catalog.layers[layer_id].spec.title(state.lang)
            points = frame.geometry.representative_point()
            for (fid, row), point in zip(frame.iterrows(), points, strict=True):
                if bounds and not (
                    bounds[0] <= point.x <= bounds[2] and bounds[1] <= point.y <= bounds[3]
                ):
                    continue
                name = row["name_ja"] if state.lang == "ja" else row["name_en"]
                rows.append(
                    {"id": fid, "name": name, "kind": kind_label(row["kind"], state.lang),
                     "layer": title}
                )  # fmt: skip
        return rows

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_VIEW_GEOJSON, "n_clicks"),
        Input(ids.DOWNLOAD_VIEW_CSV, "n_clicks"),
        Input({"type": ids.DOWNLOAD_LAYER, "layer": ALL, "format": ALL}, "n_clicks"),
        State(ids.FEATURE_TABLE, "data"),
        prevent_initial_call=True,
    )
    def download(_geojson, _csv, _layer_clicks, rows):
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update
        if trigger in (ids.DOWNLOAD_VIEW_GEOJSON, ids.DOWNLOAD_VIEW_CSV):
            fmt = "geojson" if trigger == ids.DOWNLOAD_VIEW_GEOJSON else "csv"
            wanted = [r.get("id") for r in rows or [] if isinstance(r, dict)]
            feature_ids = [f for f in wanted if isinstance(f, str)]
            name = "alliance-map-in-view"
        elif isinstance(trigger, dict) and trigger.get("layer") in catalog.layers:
            fmt = trigger.get("format")
            feature_ids = list(catalog.layers[trigger["layer"]].frame.index)
            name = f"alliance-map-{trigger['layer']}"
        else:
            return no_update
        if fmt == "geojson":
            text = geojson_text(catalog, feature_ids)
            return dcc.send_string(text, f"{name}.geojson", type="application/geo+json")
        if fmt == "csv":
            return dcc.send_string(csv_text(catalog, feature_ids), f"{name}.csv", type="text/csv")
        return no_update

    app.clientside_callback(WATCH_TILES_JS, Input(ids.MAP, "figure"))
    app.clientside_callback(
        SHOW_TILE_NOTICE_JS, Output(ids.BASEMAP_NOTICE, "is_open"), Input(ids.URL, "search")
    )


def _clicked_id(click: Any) -> str | None:
    """The feature id from plotly clickData, or None for anything unexpected."""
    try:
        value = click["points"][0]["customdata"][0]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None
