"""Pure functions that turn the catalog and a view state into the plotly map figure."""

from __future__ import annotations

from html import escape
from typing import Any

import plotly.graph_objects as go

from dashboard.basemap import offline_style
from dashboard.selection import faded_count, is_former, shown
from dashboard.state import ViewState
from dashboard.text import kind_label, operator_label, ui
from layers import Catalog, LayerSpec
from layers.geodesy import distance_km, great_circle, ring

MARKER_SIZE = 12
INK = "#1f2328"
PAPER = "#ffffff"
HIGHLIGHT = "#ffd60a"
# Marker styles that stay apart in greyscale: (inner colour, None = layer colour; inner size)
_INNER: dict[str, tuple[str | None, float]] = {
    "solid": (None, 0),
    "ring": (PAPER, 0.45),
    "bullseye": (INK, 0.35),
    "outlined": (None, 0.6),
}
ONLINE_STYLES = {"streets": "open-street-map", "light": "carto-positron", "satellite": "satellite"}


def map_style(basemap: str) -> str | dict[str, Any]:
    """The offline style object, or the name of an online plotly map style (the user's choice)."""
    return ONLINE_STYLES.get(basemap) or offline_style()


FADED = 0.35  # marker opacity of land already returned, in the present view


def hover_text(props: dict[str, Any], lang: str) -> str:
    name = props["name_ja"] if lang == "ja" else props["name_en"]
    parts = [f"<b>{escape(name)}</b>", escape(kind_label(props["kind"], lang))]
    operator = props.get("operator") or props.get("administered_by")
    if isinstance(operator, str):
        parts.append(escape(operator_label(operator, lang)))
    if props["status"] == "returned" and props.get("returned"):
        parts.append(escape(ui("returned_in", lang).format(year=props["returned"][:4])))
    return "<br>".join(parts)


def layer_traces(
    spec: LayerSpec, features: list[dict[str, Any]], lang: str, year: int | None = None
) -> list[go.Scattermap]:
    """One clickable trace per layer (customdata = [feature id]) plus a decoration on top.

    The legend entry is the trace drawn in the layer's colour. In the present view (`year` None)
    land already returned is drawn faded.
    """
    features = sorted(features, key=lambda f: not is_former(f, year))  # faded ones underneath
    lons, lats = [f["lon"] for f in features], [f["lat"] for f in features]
    opacity = [FADED if is_former(f, year) else 1.0 for f in features]
    outlined = spec.symbol == "outlined"
    outer = MARKER_SIZE + 4 if outlined else MARKER_SIZE
    main = go.Scattermap(
        lon=lons,
        lat=lats,
        mode="markers",
        name=spec.title(lang),
        legendgroup=spec.id,
        showlegend=not outlined,
        uid=spec.id,
        customdata=[[f["id"]] for f in features],  # plain lists: clickData keeps them intact
        text=[hover_text(f, lang) for f in features],
        hovertemplate="%{text}<extra></extra>",
        marker={"size": outer, "color": INK if outlined else spec.color, "opacity": opacity},
    )
    inner_colour, inner_scale = _INNER[spec.symbol]
    if inner_scale == 0:
        return [main]
    decoration = go.Scattermap(
        lon=lons,
        lat=lats,
        mode="markers",
        name=spec.title(lang),
        legendgroup=spec.id,
        showlegend=outlined,
        uid=f"{spec.id}-inner",
        hoverinfo="skip",
        marker={
            "size": outer * inner_scale + 2,
            "color": inner_colour or spec.color,
            "opacity": opacity,
        },
    )
    return [main, decoration]


def highlight_trace(catalog: Catalog, feature_id: str | None) -> go.Scattermap:
    """A halo under the selected feature (empty when nothing is selected)."""
    feature = catalog.feature(feature_id) if feature_id else None
    return go.Scattermap(
        lon=[feature["lon"]] if feature else [],
        lat=[feature["lat"]] if feature else [],
        mode="markers",
        uid="selection",
        showlegend=False,
        hoverinfo="skip",
        marker={"size": MARKER_SIZE * 2.6, "color": HIGHLIGHT, "opacity": 0.9},
    )


def returned_key(catalog: Catalog, state: ViewState) -> list[go.Scattermap]:
    """The embed's legend line for faded markers (the full page explains them under the slider)."""
    if not state.embed or not faded_count(catalog, state):
        return []
    return [
        go.Scattermap(
            lon=[None],  # no point on the map, but plotly lists a trace with none in the legend
            lat=[None],
            mode="markers",
            name=ui("returned_key", state.lang),
            uid="returned-key",
            showlegend=True,
            hoverinfo="skip",
            marker={"size": MARKER_SIZE, "color": "#6e7781", "opacity": FADED},
        )
    ]


RING_COLOUR = "#3d3d8f"
MEASURE_COLOUR = "#b3261e"


def ring_traces(catalog: Catalog, state: ViewState) -> list[go.Scattermap]:
    """Geodesic range rings around the selected place, one legend entry per radius."""
    feature = catalog.feature(state.select) if state.select else None
    if feature is None:
        return []
    name = feature["name_ja"] if state.lang == "ja" else feature["name_en"]
    traces = []
    for radius in sorted(state.rings):
        lons, lats = ring(feature["lon"], feature["lat"], radius)
        label = f"{radius:,} km"
        traces.append(
            go.Scattermap(
                lon=lons,
                lat=lats,
                mode="lines",
                name=label,
                uid=f"ring-{radius}",
                line={"color": RING_COLOUR, "width": 1.5},
                hovertemplate=f"{escape(label)} — {escape(name)}<extra></extra>",
            )
        )
    return traces


def measure_traces(catalog: Catalog, state: ViewState) -> list[go.Scattermap]:
    """The great-circle line between two measured places, named with its geodesic length."""
    ends = [catalog.feature(fid) for fid in state.measure]
    if len(ends) != 2 or None in ends:
        return []
    a, b = ends
    lons, lats = great_circle(a["lon"], a["lat"], b["lon"], b["lat"])
    km = distance_km(a["lon"], a["lat"], b["lon"], b["lat"])
    label = f"{km:,.0f} km"
    return [
        go.Scattermap(
            lon=lons,
            lat=lats,
            mode="lines",
            name=label,
            uid="measure",
            line={"color": MEASURE_COLOUR, "width": 2.5},
            hovertemplate=f"{escape(label)}<extra></extra>",
        )
    ]


def map_figure(catalog: Catalog, state: ViewState, uirevision: str = "map") -> go.Figure:
    """The map for a view state. `uirevision` stays the same while the user pans and toggles, so
    their zoom and position are kept; a new value moves the map to `state.view`."""
    fig = go.Figure()
    fig.add_trace(highlight_trace(catalog, state.select))  # index 0, under the markers
    every_layer = shown(catalog, state.with_(layers=tuple(catalog.layers)))
    for layer_id, features in every_layer.items():  # hidden layers invisible: toggles patch
        traces = layer_traces(catalog.layers[layer_id].spec, features, state.lang, state.year)
        for trace in traces:  # the full page's layer panel is its legend; the embed shows one
            trace.showlegend = trace.showlegend and state.embed
            trace.visible = layer_id in state.layers
        fig.add_traces(traces)
    fig.add_traces(
        returned_key(catalog, state) + ring_traces(catalog, state) + measure_traces(catalog, state)
    )
    fig.update_layout(
        map={
            "style": map_style(state.basemap),
            "center": {"lat": state.view.lat, "lon": state.view.lon},
            "zoom": state.view.zoom,
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision=uirevision,
        showlegend=True,
        legend={  # top left: over Korea and China in the usual views, not the Nansei islands
            "x": 0.01,
            "y": 0.99,
            "yanchor": "top",
            "itemsizing": "constant",  # rows as tall as the text, not as the markers
            "tracegroupgap": 0,  # each layer is a legend group: no gap between them
            "bgcolor": "rgba(255,255,255,0.9)",
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        hoverlabel={"bgcolor": PAPER, "font": {"color": INK}},
    )
    return fig
