"""The Dash application factory: layout and thin callbacks over pure builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dash import Dash, Input, Output, dcc, html, no_update

from dashboard import basemap, ids
from dashboard.figures import map_figure
from dashboard.panels import info_panel
from dashboard.text import ui
from layers import Catalog, load_catalog
from layers.catalog import geodata_dir

ASSETS = Path(__file__).resolve().parent / "assets"
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True, "responsive": True}


def _layer_options(catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    options = []
    for layer in catalog.layers.values():
        label = html.Span(
            [
                html.Span(className="swatch", style={"backgroundColor": layer.spec.color}),
                f"{layer.spec.title(lang)} ({len(layer.frame)})",
            ]
        )
        options.append({"label": label, "value": layer.id})
    return options


def layout(catalog: Catalog, lang: str = "en") -> html.Div:
    visible = [lid for lid, layer in catalog.layers.items() if layer.spec.default_visible]
    return html.Div(
        [
            html.Header(html.H1(ui("title", lang)), className="topbar"),
            html.Main(
                [
                    html.Aside(
                        [
                            html.H2(ui("layers", lang)),
                            dcc.Checklist(
                                id=ids.LAYER_TOGGLES,
                                options=_layer_options(catalog, lang),
                                value=visible,
                                className="layer-list",
                            ),
                            html.Section(
                                info_panel(None, catalog.sources, lang),
                                id=ids.INFO_PANEL,
                                className="info-panel",
                                **{"aria-live": "polite"},
                            ),
                        ],
                        className="sidebar",
                    ),
                    dcc.Graph(
                        id=ids.MAP,
                        figure=map_figure(catalog, visible, lang),
                        config=GRAPH_CONFIG,
                        className="map",
                    ),
                ],
                className="body",
            ),
            html.Footer(ui("attribution", lang), className="attribution"),
        ],
        className="app",
    )


def create_app(root: Path | None = None) -> Dash:
    """Build the app from the geodata folder (default: geodata_dir()).

    The catalog is loaded and validated here, once: with a broken file the app does not start.
    """
    root = geodata_dir() if root is None else root
    catalog = load_catalog(root)
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title="Alliance map",
        update_title=None,
        serve_locally=True,
    )
    app.layout = layout(catalog)
    basemap.register(app.server, root / "basemap")

    @app.callback(Output(ids.MAP, "figure"), Input(ids.LAYER_TOGGLES, "value"))
    def show_layers(value: Any):  # type: ignore[no-untyped-def]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return no_update
        return map_figure(catalog, [lid for lid in catalog.layers if lid in value])

    @app.callback(
        Output(ids.INFO_PANEL, "children"),
        Input(ids.MAP, "clickData"),
        prevent_initial_call=True,
    )
    def show_feature(click: Any):  # type: ignore[no-untyped-def]
        feature = catalog.feature(_clicked_id(click)) if _clicked_id(click) else None
        return no_update if feature is None else info_panel(feature, catalog.sources, "en")

    return app


def _clicked_id(click: Any) -> str | None:
    """The feature id from plotly clickData, or None for anything unexpected."""
    try:
        value = click["points"][0]["customdata"][0]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None
