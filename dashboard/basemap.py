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
FILES = ("land", "borders")
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

    The basemap files are fetched from `prefix`, or embedded when given in `inline` (for image
    export, where there is no server).
    """

    def source(name: str) -> dict[str, Any]:
        data: Any = inline[name] if inline else f"{prefix}{name}.geojson"
        src: dict[str, Any] = {"type": "geojson", "data": data}
        if name == "land":
            src["attribution"] = ATTRIBUTION
        return src

    return {
        "version": 8,
        "name": "alliance-map offline",
        "sources": {name: source(name) for name in FILES},
        "layers": [
            {"id": "water", "type": "background", "paint": {"background-color": WATER}},
            {
                "id": "land",
                "type": "fill",
                "source": "land",
                "paint": {"fill-color": LAND, "fill-outline-color": COAST},
            },
            {
                "id": "coast",
                "type": "line",
                "source": "land",
                "paint": {"line-color": COAST, "line-width": 0.6},
            },
            {
                "id": "borders",
                "type": "line",
                "source": "borders",
                "paint": {"line-color": BORDER, "line-width": 1, "line-dasharray": [3, 2]},
            },
        ],
    }


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
