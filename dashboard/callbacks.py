"""Thin callbacks: check inputs, then call the pure builders. Anything unexpected: no change."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import ids
from dashboard.downloads import csv_text, geojson_text
from dashboard.figures import highlight_trace, map_figure
from dashboard.layout import MEASURING, layer_options, places_table
from dashboard.panels import measure_text, year_info
from dashboard.selection import shown
from dashboard.state import (
    BASEMAPS,
    FIRST_YEAR,
    RING_CHOICES,
    SELECT_ZOOM,
    View,
    ViewState,
    filter_values,
    from_query,
    parse_view,
    parse_year,
    ring_zoom,
    to_query,
)
from dashboard.text import kind_label, ui
from layers import Catalog


def _js(name: str) -> ClientsideFunction:
    """A clientside callback from assets/alliance.js."""
    return ClientsideFunction(namespace="alliance", function_name=name)


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


def focus_revision(focus: Any) -> str:
    """The map's uirevision: new for each move the app makes (a focus), else kept ("map")."""
    n = focus.get("n") if isinstance(focus, dict) else None
    return f"focus-{n}" if isinstance(n, int) and not isinstance(n, bool) else "map"


def _bounds(relayout: Any) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the map in view, from plotly's derived corner coordinates."""
    try:
        corners = relayout["map._derived"]["coordinates"]
        lons = [float(c[0]) for c in corners]
        lats = [float(c[1]) for c in corners]
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return min(lons), min(lats), max(lons), max(lats)


def _rings(value: Any) -> tuple[int, ...] | None:
    """The radii a rings control holds, in RING_CHOICES order; None for an unexpected value."""
    if isinstance(value, list) and all(r in RING_CHOICES for r in value):
        return tuple(r for r in RING_CHOICES if r in value)
    return None


def _ring_fit(
    feature: dict[str, Any], rings: tuple[int, ...], relayout: Any, fallback: View
) -> tuple[float, float]:
    """(the map's zoom now, the zoom at which the widest ring around the feature shows)."""
    now = _view(relayout, fallback).zoom
    return now, ring_zoom(feature["lat"], max(rings), now, _bounds(relayout))


def register(app: Dash, catalog: Catalog) -> None:
    """Every callback. Those of the full page only fire where their inputs exist (embed mode has
    only the map, the panel and the state), which is why selection has one callback per source."""
    values = filter_values(catalog)
    layer_ids = tuple(catalog.layers)

    def state_from(query: Any) -> ViewState:
        return from_query(query if isinstance(query, str) else "", catalog)

    def known_id(value: Any) -> str | None:
        return value if isinstance(value, str) and catalog.layer_of(value) else None

    def controls_state(
        base: ViewState, layers, operators, statuses, kinds, basemap, rings=None, year=None,
        measure=None,
    ):  # fmt: skip
        """The state the controls describe; a control with an unexpected value keeps `base`."""
        changes: dict[str, Any] = {}
        if (chosen := _rings(rings)) is not None:
            changes["rings"] = chosen
        if isinstance(year, int) and not isinstance(year, bool):
            changes["year"] = parse_year(str(year))
        if isinstance(measure, list) and all(known_id(m) for m in measure) and len(measure) <= 2:
            changes["measure"] = tuple(measure) if len(measure) == 2 else ()
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
        return base.with_(**changes)

    def next_focus(focus: Any, **target: Any) -> dict[str, Any]:
        n = focus["n"] + 1 if isinstance(focus, dict) and isinstance(focus.get("n"), int) else 1
        return {"n": n, **target}

    controls = [
        Input(ids.LAYER_TOGGLES, "value"),
        Input(ids.FILTER_OPERATOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_KIND, "value"),
        Input(ids.BASEMAP, "value"),
        Input(ids.RINGS, "value"),
        Input(ids.YEAR, "value"),
        Input(ids.MEASURE, "data"),
    ]

    @app.callback(
        Output(ids.STATE, "data"),
        *controls,
        Input(ids.SELECTED, "data"),
        Input(ids.MAP, "relayoutData"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_state(*args):
        *control_values, selected, relayout, query = args
        base = state_from(query)
        state = controls_state(base, *control_values)
        state = state.with_(select=known_id(selected), view=_view(relayout, base.view))
        new = to_query(state, catalog)
        return no_update if new == query else new

    @app.callback(
        Output(ids.LANG_LINK, "href"),
        Input(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def language_link(query):
        state = state_from(query)
        other = "ja" if state.lang == "en" else "en"
        return to_query(state.with_(lang=other), catalog) or "?"

    @app.callback(
        Output(ids.LAYER_TOGGLES, "value"),
        Output(ids.FILTER_OPERATOR, "value"),
        Output(ids.FILTER_STATUS, "value"),
        Output(ids.FILTER_KIND, "value"),
        Output(ids.BASEMAP, "value"),
        Output(ids.RINGS, "value"),
        Output(ids.YEAR, "value"),
        Output(ids.MEASURE, "data", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(ids.URL, "search"),
        State(ids.STATE, "data"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def apply_url(search, query, focus):
        """Back and forward: put the controls and the map where the address says."""
        wanted, current = state_from(search), state_from(query)
        if not isinstance(search, str) or to_query(wanted, catalog) == to_query(current, catalog):
            return (no_update,) * 10
        view = wanted.view
        return (
            list(wanted.layers),
            list(wanted.operators),
            list(wanted.statuses),
            list(wanted.kinds),
            wanted.basemap,
            list(wanted.rings),
            wanted.year if wanted.year is not None else date.today().year,
            list(wanted.measure),
            wanted.select,
            next_focus(focus, view=[view.lat, view.lon, view.zoom]),
        )

    @app.callback(
        Output(ids.MAP, "figure"),
        *controls[1:],
        Input(ids.FOCUS, "data"),
        State(ids.LAYER_TOGGLES, "value"),
        State(ids.SELECTED, "data"),
        State(ids.STATE, "data"),
        State(ids.MAP, "relayoutData"),
        prevent_initial_call=True,
    )
    def render_map(*args):
        *control_values, focus, layers, selected, query, relayout = args
        if ctx.triggered_prop_ids.keys() == {f"{ids.FOCUS}.data"} and focus is None:
            return no_update  # the store's first value as the page starts: nothing moved
        base = state_from(query)
        state = controls_state(base, layers, *control_values)
        state = state.with_(select=known_id(selected))
        uirevision = focus_revision(focus)
        if uirevision != "map":
            moved = f"{ids.FOCUS}.data" in ctx.triggered_prop_ids
            feature = catalog.feature(focus["id"]) if known_id(focus.get("id")) else None
            target = parse_view(",".join(map(str, focus.get("view") or [])) or None)
            if moved and feature is not None:
                zoom = max(base.view.zoom, SELECT_ZOOM)
                if state.rings:  # close, but with the widest ring in view
                    zoom = min(zoom, _ring_fit(feature, state.rings, relayout, base.view)[1])
                state = state.with_(view=View(feature["lat"], feature["lon"], zoom))
            elif moved and target is not None:
                state = state.with_(view=target)
        return map_figure(catalog, state, uirevision)

    @app.callback(
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(ids.RINGS, "value"),
        State(ids.SELECTED, "data"),
        State(ids.URL, "search"),
        State(ids.MAP, "relayoutData"),
        State(ids.STATE, "data"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def frame_rings(rings, selected, search, relayout, query, focus):
        """Rings switched on around the selected place: zoom out until the widest one shows."""
        feature = catalog.feature(fid) if (fid := known_id(selected)) else None
        chosen = _rings(rings)
        if feature is None or not chosen:
            return no_update
        if state_from(search).rings == chosen:
            return no_update  # the address put them there (back, forward): its view stands
        now, zoom = _ring_fit(feature, chosen, relayout, state_from(query).view)
        if zoom >= now - 0.05:
            return no_update  # it already shows
        return next_focus(focus, view=[feature["lat"], feature["lon"], zoom])

    # A layer toggle hides or shows the layer's MapLibre layers in the browser, at once: a new
    # figure would make plotly rebuild them (see toggleLayers in assets/alliance.js).
    app.clientside_callback(
        _js("toggleLayers"), Input(ids.LAYER_TOGGLES, "value"), prevent_initial_call=True
    )

    # The halo under the selected place is moved in the browser, from the figure's own data. The
    # server draws it only for a place the figure does not hold (filtered out) or when range
    # rings, which follow the selected place, are on.
    app.clientside_callback(
        _js("highlightOnMap"),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Output(ids.HALO_REQUEST, "data"),
        Input(ids.SELECTED, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.HALO_REQUEST, "data"),
        State(ids.STATE, "data"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def place_halo(requested, query, focus):
        if not isinstance(requested, dict):
            return no_update  # the store's first value as the page starts: nothing was asked
        state = state_from(query)
        selected = known_id(requested.get("id"))
        if state.rings:
            return map_figure(catalog, state.with_(select=selected), focus_revision(focus))
        patch = Patch()
        trace = highlight_trace(catalog, selected)
        patch["data"][0]["lon"] = list(trace.lon)
        patch["data"][0]["lat"] = list(trace.lat)
        return patch

    # A click selects a place, or in measure mode picks the ends of a line: in the browser, at
    # once (as are the panel and the halo).
    app.clientside_callback(
        _js("selectOnMap"),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.MEASURE, "data", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        State(ids.MEASURE_MODE, "value"),
        State(ids.MEASURE, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.MEASURE, "data", allow_duplicate=True),
        Input(ids.MEASURE_CLEAR, "n_clicks"),
        Input(ids.MEASURE_MODE, "value"),
        prevent_initial_call=True,
    )
    def clear_measure(_clicks, measuring):
        """Clear the two ends when asked, or when the measure switch goes off."""
        switched_on = not isinstance(measuring, list) or MEASURING in measuring
        if ctx.triggered_id == ids.MEASURE_MODE and switched_on:
            return no_update  # (an unexpected value changes nothing)
        return []

    @app.callback(
        Output(ids.MEASURE_RESULT, "children"),
        Input(ids.MEASURE, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def show_measure(measured, query):
        state = controls_state(state_from(query), None, None, None, None, None, measure=measured)
        if isinstance(measured, list) and len(measured) == 1:
            state = state.with_(measure=())
        return measure_text(catalog, state)

    @app.callback(
        Output(ids.YEAR_INFO, "children"),
        Output(ids.LAYER_TOGGLES, "options", allow_duplicate=True),
        Input(ids.YEAR, "value"),
        State(ids.FILTER_OPERATOR, "value"),
        State(ids.FILTER_STATUS, "value"),
        State(ids.FILTER_KIND, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def show_year(year, operators, statuses, kinds, query):
        base = state_from(query)
        state = controls_state(base, None, operators, statuses, kinds, None, year=year)
        return year_info(catalog, state), layer_options(catalog, state)

    @app.callback(
        Output(ids.TICK, "disabled"),
        Output(ids.PLAY, "children"),
        Output(ids.YEAR, "value", allow_duplicate=True),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.TICK, "n_intervals"),
        State(ids.TICK, "disabled"),
        State(ids.YEAR, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def play(_clicks, _ticks, stopped, year, query):
        """Play steps through the years from 1945 (or the year shown) to today."""
        lang = state_from(query).lang
        this_year = date.today().year
        year = year if isinstance(year, int) and FIRST_YEAR <= year <= this_year else this_year
        if ctx.triggered_id == ids.PLAY:
            if stopped:  # start, from 1945 if the slider is at today
                start = FIRST_YEAR if year >= this_year else year
                return False, ui("pause", lang), start
            return True, ui("play", lang), no_update
        if stopped:
            return no_update, no_update, no_update
        if year + 1 >= this_year:
            return True, ui("play", lang), this_year
        return no_update, no_update, year + 1

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(ids.SEARCH, "value"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def select_by_search(searched, focus):
        fid = known_id(searched)
        return (fid, next_focus(focus, id=fid)) if fid else (no_update, no_update)

    table = {"type": ids.FEATURE_TABLE, "index": ALL}

    @app.callback(
        Output(ids.TABLE_SLOT, "children"),
        Input(f"{ids.SECTION_PREFIX}in-view", "n_clicks"),
        State(ids.TABLE_SLOT, "children"),
        State(ids.STATE, "data"),
        State(ids.MAP, "relayoutData"),
        prevent_initial_call=True,
    )
    def mount_table(opened, mounted, query, relayout):
        """The list of places, built the first time its section is opened."""
        if mounted or not isinstance(opened, int) or isinstance(opened, bool) or opened < 1:
            return no_update
        state = state_from(query)
        return places_table(state.lang, feature_rows(catalog, state, _bounds(relayout)))

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input(table, "active_cell"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def select_in_list(cells, focus):
        cell = next((c for c in cells or [] if isinstance(c, dict)), None)
        fid = known_id(cell.get("row_id")) if cell else None
        return (fid, next_focus(focus, id=fid)) if fid else (no_update, no_update)

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.FOCUS, "data", allow_duplicate=True),
        Input({"type": ids.TIMELINE_ITEM, "place": ALL, "index": ALL}, "n_clicks"),
        Input({"type": ids.PLACE_LINK, "place": ALL, "index": ALL}, "n_clicks"),
        State(ids.FOCUS, "data"),
        prevent_initial_call=True,
    )
    def select_from_panel(_events, _places, focus):
        """A timeline event's place, or another place at the selected one's point."""
        trigger = ctx.triggered_id
        clicked = ctx.triggered[0].get("value") if ctx.triggered else None
        fid = known_id(trigger.get("place")) if isinstance(trigger, dict) and clicked else None
        return (fid, next_focus(focus, id=fid)) if fid else (no_update, no_update)

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input({"type": ids.PANEL_CLOSE, "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_panel(clicks):
        return None if isinstance(clicks, list) and any(clicks) else no_update

    # The panel of the selected place is rendered in the browser from its JSON (panel_files.py),
    # fetched once per place: no callback round trip on a click.
    app.clientside_callback(
        _js("showPanel"),
        Output(ids.INFO_PANEL, "children"),
        Input(ids.SELECTED, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.LAYER_TOGGLES, "options"),
        Input(ids.FILTER_OPERATOR, "value"),
        Input(ids.FILTER_STATUS, "value"),
        Input(ids.FILTER_KIND, "value"),
        State(ids.YEAR, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def layer_counts(operators, statuses, kinds, year, query):
        state = controls_state(state_from(query), None, operators, statuses, kinds, None, year=year)
        return layer_options(catalog, state)

    @app.callback(
        Output(table, "data"),
        Input(ids.STATE, "data"),
        Input(ids.MAP, "relayoutData"),
        State(table, "id"),
        prevent_initial_call=True,
    )
    def table_rows(query, relayout, tables):
        state = state_from(query)
        return [feature_rows(catalog, state, _bounds(relayout)) for _ in tables]

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_VIEW_GEOJSON, "n_clicks"),
        Input(ids.DOWNLOAD_VIEW_CSV, "n_clicks"),
        Input({"type": ids.DOWNLOAD_LAYER, "layer": ALL, "format": ALL}, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.MAP, "relayoutData"),
        prevent_initial_call=True,
    )
    def download(_geojson, _csv, _layer_clicks, query, relayout):
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update
        if trigger in (ids.DOWNLOAD_VIEW_GEOJSON, ids.DOWNLOAD_VIEW_CSV):
            fmt = "geojson" if trigger == ids.DOWNLOAD_VIEW_GEOJSON else "csv"
            rows = feature_rows(catalog, state_from(query), _bounds(relayout))
            feature_ids = [row["id"] for row in rows]
            name = "alliance-map-in-view"
        elif isinstance(trigger, dict) and trigger.get("layer") in catalog.layers:
            fmt = trigger.get("format")
            feature_ids = catalog.layers[trigger["layer"]].ids
            name = f"alliance-map-{trigger['layer']}"
        else:
            return no_update
        if fmt == "geojson":
            text = geojson_text(catalog, feature_ids)
            return dcc.send_string(text, f"{name}.geojson", type="application/geo+json")
        if fmt == "csv":
            return dcc.send_string(csv_text(catalog, feature_ids), f"{name}.csv", type="text/csv")
        return no_update

    app.clientside_callback(_js("mapHooks"), Input(ids.MAP, "figure"))
    app.clientside_callback(_js("syncUrl"), Input(ids.STATE, "data"), prevent_initial_call=True)
    app.clientside_callback(
        _js("share"),
        Output(ids.SHARE_MODAL, "hidden"),
        Output(ids.SHARE_LINK, "value"),
        Output(ids.SHARE_SNIPPET, "value"),
        Output(ids.SHARE_PREVIEW, "src"),
        Output(ids.SHARE_PREVIEW, "style"),
        Input(ids.SHARE_OPEN, "n_clicks"),
        Input(ids.STATE, "data"),
        Input(ids.SHARE_WIDTH, "value"),
        Input(ids.SHARE_HEIGHT, "value"),
        State(ids.SHARE_MODAL, "hidden"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _js("shareClose"),
        Output(ids.SHARE_MODAL, "hidden", allow_duplicate=True),
        Output(ids.SHARE_PREVIEW, "src", allow_duplicate=True),
        Input(ids.SHARE_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _js("tileNotice"), Output(ids.BASEMAP_NOTICE, "hidden"), Input(ids.URL, "search")
    )
    app.clientside_callback(
        _js("noticeClose"),
        Output(ids.BASEMAP_NOTICE, "hidden", allow_duplicate=True),
        Input(ids.BASEMAP_NOTICE_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )


def feature_rows(
    catalog: Catalog, state: ViewState, bounds: tuple[float, float, float, float] | None
) -> list[dict[str, str]]:
    """Rows of the list of places: those shown, inside `bounds` (west, south, east, north)."""
    rows = []
    for layer_id, features in shown(catalog, state).items():
        title = catalog.layers[layer_id].spec.title(state.lang)
        for feature in features:
            if bounds and not (
                bounds[0] <= feature["lon"] <= bounds[2]
                and bounds[1] <= feature["lat"] <= bounds[3]
            ):
                continue
            name = feature["name_ja"] if state.lang == "ja" else feature["name_en"]
            rows.append(
                {"id": feature["id"], "name": name, "kind": kind_label(feature["kind"], state.lang),
                 "layer": title}
            )  # fmt: skip
    return rows
