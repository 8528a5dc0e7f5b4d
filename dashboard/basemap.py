"""The built-in offline basemap: a MapLibre style drawing land, lakes and borders from GeoJSON
files the app serves itself (geodata/basemap/), so the default map needs no network.

The style has no `glyphs` and no symbol layers: nothing on it asks for fonts or sprites.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask, abort, send_from_directory

ROUTE = "/basemap/"
FILES = ("land", "land-coarse", "borders")
DETAIL_ZOOM = 6.0  # from this zoom on, the detailed land (fetched when first needed) is drawn
EMPTY = {"type": "FeatureCollection", "features": []}
ATTRIBUTION = "Land © OpenStreetMap contributors (ODbL) · islets and borders: GSHHG 2.3.6 (LGPL)"
WATER = "#d6e6f0"
LAND = "#f5f3ee"
COAST = "#9aa7b0"
BORDER = "#8a7f9e"


REGION = (112.0, 16.0, 158.0, 52.0)  # west, south, east, north: what geodata/basemap covers


def offline_style(
    prefix: str = ROUTE, inline: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A MapLibre style object for plotly's `layout.map.style`.

    The coarse land is drawn at first; the detailed land's source starts empty and is filled by
    the browser (assets/alliance.js) when the map is first zoomed in to DETAIL_ZOOM. With
    `inline` (image export, no server), the detailed land is embedded and drawn at every zoom.
    """

    def source(data: Any, attribution: bool = False) -> dict[str, Any]:
        src: dict[str, Any] = {"type": "geojson", "data": data}
        if attribution:
            src["attribution"] = ATTRIBUTION
        return src

    if inline:
        sources = {
            "land": source(inline["land"], attribution=True),
            "land-detail": source(EMPTY),
            "borders": source(inline["borders"]),
        }
    else:
        sources = {
            "land": source(f"{prefix}land-coarse.geojson", attribution=True),
            "land-detail": source(EMPTY),
            "borders": source(f"{prefix}borders.geojson"),
        }
    fill = {"fill-color": LAND, "fill-outline-color": COAST}
    coast = {"line-color": COAST, "line-width": 0.6}
    return {
        "version": 8,
        "name": "alliance-map offline",
        "sources": sources,
        "layers": [
            {"id": "water", "type": "background", "paint": {"background-color": WATER}},
            {"id": "land", "type": "fill", "source": "land", "paint": fill},
            {"id": "coast", "type": "line", "source": "land", "paint": coast},
            {"id": "land-detail", "type": "fill", "source": "land-detail",
             "minzoom": DETAIL_ZOOM, "paint": fill},
            {"id": "coast-detail", "type": "line", "source": "land-detail",
             "minzoom": DETAIL_ZOOM, "paint": coast},
            {
                "id": "borders",
                "type": "line",
                "source": "borders",
                "paint": {"line-color": BORDER, "line-width": 1, "line-dasharray": [3, 2]},
            },
        ],
    }  # fmt: skip


def read(folder: Path) -> dict[str, dict[str, Any]]:
    """The basemap GeoJSON documents, by name."""
    return {name: json.loads((folder / f"{name}.geojson").read_text()) for name in FILES}


def register(server: Flask, folder: Path) -> None:
    """Serve geodata/basemap/*.geojson at ROUTE, cacheable by browsers."""

    @server.route(f"{ROUTE}<name>.geojson")
    def basemap_file(name: str):  # type: ignore[no-untyped-def]
        if name not in FILES:
            abort(404)
        response = send_from_directory(folder, f"{name}.geojson", max_age=86400)
        response.mimetype = "application/geo+json"
        return response
