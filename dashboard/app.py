"""The Dash application factory."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from dash import Dash
from flask import Response, has_request_context, request
from plotly.io.json import to_json_plotly

from dashboard import basemap, callbacks, panel_files, security, static
from dashboard.layout import page
from dashboard.panels import side_panel
from dashboard.state import from_query, to_query
from layers import load_catalog
from layers.catalog import geodata_dir

ASSETS = Path(__file__).resolve().parent / "assets"


def _page_query() -> str:
    if not has_request_context():
        return ""
    if request.path.endswith("/_dash-layout") and request.referrer:
        return urlsplit(request.referrer).query
    return request.query_string.decode("utf-8", "replace")


class _Dash(Dash):
    """Dash whose /_dash-layout answer is JSON serialized once per page state, not per request."""

    layout_json: Callable[[], str] | None = None

    def serve_layout(self):  # type: ignore[no-untyped-def]
        if self.layout_json is None:
            return super().serve_layout()
        return Response(self.layout_json(), mimetype="application/json")


def create_app(root: Path | None = None) -> Dash:
    """Build the app from the geodata folder (default: geodata_dir()).

    The catalog is loaded and validated here, once: with a broken file the app does not start.
    """
    root = geodata_dir() if root is None else root
    catalog = load_catalog(root)
    ancestors = security.frame_ancestors()
    app = _Dash(
        __name__,
        assets_folder=str(ASSETS),
        title="Alliance map",
        update_title=None,
        serve_locally=True,
        external_scripts=[static.MAPLIBRE_SHARED_ROUTE.lstrip("/")],  # before the plotly bundle
        # The embed view has only some of the components; its callbacks fire where they exist.
        suppress_callback_exceptions=True,
    )

    def canonical_query() -> str:
        """The state the page's URL asks for, as one query string per distinct state."""
        return to_query(from_query(_page_query(), catalog), catalog)

    @lru_cache(maxsize=256)
    def page_for(query: str):  # type: ignore[no-untyped-def]
        return page(catalog, from_query(query, catalog))

    def layout():  # type: ignore[no-untyped-def]
        """The page for the state the URL asks for, built once per distinct state.

        Dash fetches the layout from /_dash-layout; the page's own URL (and so its query) is
        that request's Referer, which browsers send in full to the same origin.
        """
        return page_for(canonical_query())

    @lru_cache(maxsize=64)  # about 250 KB each
    def json_for(query: str) -> str:
        return to_json_plotly(page_for(query))

    app.layout = layout
    app.layout_json = lambda: json_for(canonical_query())
    basemap.register(app.server, root / "basemap")
    panel_files.register(
        app.server,
        catalog,
        lambda feature_id, lang, embed: side_panel(catalog, feature_id, lang, embed=embed),
    )
    security.install(app, ancestors)
    static.install(app.server, root / "basemap")
    callbacks.register(app, catalog)
    return app
