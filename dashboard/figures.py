"""Pure functions that turn the catalog into the plotly map figure."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import plotly.graph_objects as go

from dashboard.basemap import offline_style
from dashboard.text import kind_label, operator_label
from layers import Catalog, Layer

MARKER_SIZE = 12
INK = "#1f2328"
PAPER = "#ffffff"
# Marker styles that stay apart in greyscale: (inner colour, None = layer colour; inner size)
_INNER: dict[str, tuple[str | None, float]] = {
    "solid": (None, 0),
    "ring": (PAPER, 0.45),
    "bullseye": (INK, 0.35),
    "outlined": (None, 0.6),
}


@dataclass(frozen=True)
class View:
    lat: float = 33.0
    lon: float = 135.5
    zoom: float = 3.7


def _hover(props: dict[str, Any], lang: str) -> str:
    name = props["name_ja"] if lang == "ja" else props["name_en"]
    parts = [f"<b>{escape(name)}</b>", escape(kind_label(props["kind"], lang))]
    operator = props.get("operator") or props.get("administered_by")
    if isinstance(operator, str):
        parts.append(escape(operator_label(operator, lang)))
    return "<br>".join(parts)


def layer_traces(layer: Layer, lang: str) -> list[go.Scattermap]:
    """One clickable trace per layer (customdata = [feature id]) plus a decoration on top."""
    frame = layer.frame
    points = frame.geometry.representative_point()
    lons, lats = points.x.round(5).tolist(), points.y.round(5).tolist()
    ids = [[fid] for fid in frame.index]  # plain lists: clickData keeps them intact
    rows = frame.drop(columns="geometry").to_dict("records")
    hover = [_hover(row, lang) for row in rows]
    spec = layer.spec
    outer = MARKER_SIZE + 4 if spec.symbol == "outlined" else MARKER_SIZE
    main = go.Scattermap(
        lon=lons,
        lat=lats,
        mode="markers",
        name=spec.title(lang),
        legendgroup=spec.id,
        uid=spec.id,
        customdata=ids,
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        marker={"size": outer, "color": INK if spec.symbol == "outlined" else spec.color},
    )
    inner_colour, inner_scale = _INNER[spec.symbol]
    if inner_scale == 0:
        return [main]
    decoration = go.Scattermap(
        lon=lons,
        lat=lats,
        mode="markers",
        legendgroup=spec.id,
        showlegend=False,
        uid=f"{spec.id}-inner",
        hoverinfo="skip",
        marker={"size": outer * inner_scale + 2, "color": inner_colour or spec.color},
    )
    return [main, decoration]


def map_figure(catalog: Catalog, visible: list[str], lang: str = "en", view: View | None = None):
    """The map: the offline basemap and one marker layer per visible layer id."""
    view = view or View()
    fig = go.Figure()
    for layer_id in visible:
        if layer_id in catalog.layers:
            fig.add_traces(layer_traces(catalog.layers[layer_id], lang))
    fig.update_layout(
        map={
            "style": offline_style(),
            "center": {"lat": view.lat, "lon": view.lon},
            "zoom": view.zoom,
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision="map",
        showlegend=True,
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"},
        hoverlabel={"bgcolor": PAPER, "font": {"color": INK}},
    )
    return fig
