"""The baseline: the simplest map a user could build instead, with Dash's defaults.

A bare Dash app with compress=True, one dcc.Graph holding one go.Scattermap of the same features
on the `white-bg` style, and a callback that writes the clicked feature's name into a div.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
LAYERS = ("us_bases", "okinawa_facilities", "southwest_islands", "disputed_islands")
features = [
    feature
    for layer in LAYERS
    for feature in json.loads((GEODATA / f"{layer}.geojson").read_text())["features"]
]
figure = go.Figure(
    go.Scattermap(
        lon=[f["geometry"]["coordinates"][0] for f in features],
        lat=[f["geometry"]["coordinates"][1] for f in features],
        text=[f["properties"]["name_en"] for f in features],
        customdata=[[f["properties"]["id"]] for f in features],
        mode="markers",
        marker={"size": 10},
    )
)
figure.update_layout(
    map={"style": "white-bg", "center": {"lat": 33.0, "lon": 135.5}, "zoom": 3.7},
    margin={"l": 0, "r": 0, "t": 0, "b": 0},
)

app = Dash(__name__, compress=True)
app.layout = html.Div(
    [dcc.Graph(id="map", figure=figure, style={"height": "90vh"}), html.Div(id="name")]
)


@app.callback(Output("name", "children"), Input("map", "clickData"))
def show_name(click):  # type: ignore[no-untyped-def]
    return click["points"][0]["text"] if click else ""


server = app.server
