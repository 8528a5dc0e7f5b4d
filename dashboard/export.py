"""Slide images (PNG, SVG) and a standalone offline HTML map of a view.

Images are rendered by kaleido with the local Chromium, with the basemap embedded in the figure
(there is no server to fetch it from). The standalone HTML cannot use MapLibre: a page opened
from file:// cannot start MapLibre's worker. It draws the same data as plain plotly scatter
traces on a Web Mercator grid, with the basemap inlined and plotly.js's small "basic" bundle,
so it opens with no network and no server.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from html import escape
from pathlib import Path
from string import Template
from typing import Any

import plotly.graph_objects as go

from dashboard import basemap
from dashboard.figures import INK, PAPER, map_figure
from dashboard.selection import shown
from dashboard.state import View, ViewState
from dashboard.text import (
    kind_label,
    operator_label,
    party_label,
    position_text,
    status_label,
    ui,
)
from layers import Catalog

REFERENCE_WIDTH = 1000  # a view's zoom is for a map about this wide; wider images zoom in
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "plotly-basic.min.js"
TEMPLATE = Template((HERE / "templates" / "standalone.html").read_text(encoding="utf-8"))
ATTRIBUTION = (
    "Land © OpenStreetMap contributors (ODbL) · islets, borders: GSHHG (LGPL) · alliance-map"
)


class ExportError(Exception):
    """An export that cannot be written as asked (e.g. the file exists and --force is absent)."""


def write_atomic(out: Path, data: bytes, force: bool) -> None:
    """Write `data` to `out` through a temporary file and a rename; keep an existing file
    unless `force`."""
    if out.exists() and not force:
        raise ExportError(f"{out} exists; add --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def slide_figure(
    catalog: Catalog, state: ViewState, root: Path, title: str, width: int, height: int
) -> go.Figure:
    """The map of a view for a slide: basemap embedded, title, legend and attribution."""
    zoom = round(state.view.zoom + math.log2(max(width, 1) / REFERENCE_WIDTH), 2)
    view = View(state.view.lat, state.view.lon, zoom)
    fig = map_figure(catalog, state.with_(embed=True, view=view))
    if state.basemap == "offline":
        fig.update_layout(map_style=basemap.offline_style(inline=basemap.read(root / "basemap")))
    fig.update_layout(
        width=width,
        height=height,
        title={"text": escape(title), "x": 0.02, "y": 0.97, "font": {"size": 28, "color": INK}},
        margin={"l": 0, "r": 0, "t": 70, "b": 0},
        paper_bgcolor=PAPER,
        showlegend=True,
        legend={"x": 0.01, "y": 0.02, "yanchor": "bottom", "font": {"size": 16}},
        annotations=[
            {
                "text": ATTRIBUTION,
                "x": 0.995,
                "y": 0.005,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13, "color": INK},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        ],
    )
    return fig


def image_bytes(fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
    """PNG or SVG bytes of a figure, by kaleido and the local Chromium (no network)."""
    import plotly.io as pio

    pio.defaults.mathjax = None  # the default points at a CDN
    return pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)


# --- standalone HTML ---------------------------------------------------------------------------


def _mercator_y(lat: float) -> float:
    """Web Mercator northing, in degrees of the equator, so x (longitude) and y share a scale."""
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict[str, Any], holes: bool) -> list[list[list[float]]]:
    multi = geometry["type"] == "MultiPolygon"
    polygons = geometry["coordinates"] if multi else [geometry["coordinates"]]
    return [ring for poly in polygons for ring in (poly[1:] if holes else poly[:1])]


def _line_trace(rings: list[list[list[float]]], **style: Any) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs += [round(p[0], 3) for p in ring] + [None]
        ys += [round(_mercator_y(p[1]), 3) for p in ring] + [None]
    return go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, **style)


def _basemap_traces(root: Path) -> list[go.Scatter]:
    docs = basemap.read(root / "basemap")
    land = docs["land"]["features"][0]["geometry"]
    lines = docs["borders"]["features"][0]["geometry"]["coordinates"]
    fill = {"fill": "toself", "line": {"color": basemap.COAST, "width": 0.5}}
    return [
        _line_trace(_rings(land, holes=False), fillcolor=basemap.LAND, **fill),
        _line_trace(_rings(land, holes=True), fillcolor=basemap.WATER, **fill),
        _line_trace(lines, line={"color": basemap.BORDER, "width": 1, "dash": "dash"}),
    ]


_SYMBOLS = {
    "solid": "circle",
    "ring": "circle-open",
    "bullseye": "circle-dot",
    "outlined": "square",
}


def _details(catalog: Catalog, feature: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the standalone page's panel shows for a feature (plain data, escaped when shown)."""
    operator = feature.get("operator") or feature.get("administered_by") or ""
    return {
        "name": feature["name_ja"] if lang == "ja" else feature["name_en"],
        "other": feature["name_en"] if lang == "ja" else feature["name_ja"],
        "what": " · ".join(
            v for v in (kind_label(feature["kind"], lang), operator_label(operator, lang)) if v
        ),
        "status": status_label(feature["status"], lang),
        "summary": feature.get("summary_ja" if lang == "ja" else "summary_en", ""),
        "position": position_text(feature, lang),
        "claimed": ", ".join(party_label(party, lang) for party in feature.get("claimed_by", [])),
        "sources": [
            {"title": s["title"], "url": s["url"], "publisher": s["publisher"]}
            for s in (catalog.sources[sid] for sid in feature["sources"])
        ],
    }


def standalone_figure(catalog: Catalog, state: ViewState, root: Path) -> go.Figure:
    """The view as cartesian scatter traces on a Mercator grid (no WebGL, no worker)."""
    fig = go.Figure(_basemap_traces(root))
    for layer_id, features in shown(catalog, state).items():
        spec = catalog.layers[layer_id].spec
        fig.add_trace(
            go.Scatter(
                x=[f["lon"] for f in features],
                y=[round(_mercator_y(f["lat"]), 5) for f in features],
                mode="markers",
                name=spec.title(state.lang),
                customdata=[[f["id"]] for f in features],
                text=[f["name_ja"] if state.lang == "ja" else f["name_en"] for f in features],
                hovertemplate="<b>%{text}</b><extra></extra>",
                marker={
                    "size": 11,
                    "color": spec.color,
                    "symbol": _SYMBOLS[spec.symbol],
                    "line": {"color": INK, "width": 1},
                },
            )
        )
    span = 360 / 2**state.view.zoom * 2.2  # about what the live map shows at this zoom
    cx, cy = state.view.lon, _mercator_y(state.view.lat)
    fig.update_layout(
        xaxis={"range": [cx - span / 2, cx + span / 2], "visible": False},
        yaxis={
            "range": [cy - span / 3, cy + span / 3],
            "visible": False,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        plot_bgcolor=basemap.WATER,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode="pan",
        legend={"x": 0.01, "y": 0.01, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.85)"},
        hovermode="closest",
    )
    return fig


def _json_for_script(value: Any) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def standalone_html(catalog: Catalog, state: ViewState, root: Path, title: str) -> str:
    """ONE self-contained HTML page of the view that works from file:// with no network."""
    fig = standalone_figure(catalog, state, root)
    places = {
        f["id"]: _details(catalog, f, state.lang)
        for features in shown(catalog, state).values()
        for f in features
    }
    labels = {
        "sources": ui("sources", state.lang),
        "position": ui("position", state.lang),
        "claimed": ui("claimed_by", state.lang),
    }
    return TEMPLATE.substitute(
        lang=state.lang,
        title=escape(title),
        hint=escape(ui("pick", state.lang)),
        attribution=escape(ATTRIBUTION),
        plotly=VENDOR.read_text(encoding="utf-8").replace("</script", "<\\/script"),
        figure=_json_for_script(json.loads(fig.to_json())),
        places=_json_for_script(places),
        labels=_json_for_script(labels),
    )
