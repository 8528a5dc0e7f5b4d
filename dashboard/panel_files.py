"""The info panels as JSON component trees, one per place, language and page kind.

The browser renders the panel of a clicked place from these (see `showPanel` in
assets/alliance.js), so a click needs no callback round trip; it fetches a panel when the pointer
first rests on a place, and keeps it for the rest of the visit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from flask import Flask, Response, abort, request
from plotly.utils import PlotlyJSONEncoder

from dashboard.state import LANGS
from layers import Catalog

ROUTE = "/panels/"
OVERVIEW = "_overview"  # not a feature id: ids are slugs of letters, digits and hyphens
KINDS = {"page": False, "embed": True}


def panel_json(
    build: Callable[..., list[Any]], feature_id: str | None, lang: str, embed: bool
) -> bytes:
    """A panel's components, serialized as Dash serializes a callback's output."""
    return json.dumps(build(feature_id, lang, embed), cls=PlotlyJSONEncoder).encode()


def register(server: Flask, catalog: Catalog, build: Callable[..., list[Any]]) -> None:
    """Serve ROUTE<lang>/<page|embed>/<feature id or _overview>.json; anything else is a 404."""

    @lru_cache(maxsize=1024)
    def body(feature_id: str | None, lang: str, embed: bool) -> tuple[bytes, str]:
        data = panel_json(build, feature_id, lang, embed)
        return data, hashlib.sha256(data).hexdigest()[:20]

    @server.route(f"{ROUTE}<lang>/<kind>/<name>.json")
    def panel_file(lang: str, kind: str, name: str) -> Response:
        known = name == OVERVIEW or catalog.layer_of(name) is not None
        if lang not in LANGS or kind not in KINDS or not known:
            abort(404)
        data, tag = body(None if name == OVERVIEW else name, lang, KINDS[kind])
        if request.if_none_match.contains(tag):
            return Response(status=304, headers={"ETag": f'"{tag}"'})
        response = Response(data, mimetype="application/json")
        response.set_etag(tag)
        response.cache_control.no_cache = True  # revalidate: the data may change on a deploy
        return response
