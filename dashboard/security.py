"""Safe defaults for every response: security headers, size limits, errors that leak nothing.

Framing by any site is allowed by default, so the map can be embedded in articles and slides.
Set ALLIANCE_MAP_FRAME_ANCESTORS to a space-separated list of CSP sources to restrict it, e.g.
"'self' https://news.example https://*.example.org", or to 'none' to forbid framing.
"""

from __future__ import annotations

import logging
import os
import re
import uuid

from dash import Dash
from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

FRAME_ANCESTORS_ENV = "ALLIANCE_MAP_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = "*"
MAX_BODY_BYTES = 256 * 1024  # a callback request is a few KB; anything far larger is refused
# The online basemaps a user may choose (none is asked for unless chosen).
ONLINE_MAP_HOSTS = (
    "https://tile.openstreetmap.org",
    "https://basemaps.cartocdn.com",
    "https://tiles.basemaps.cartocdn.com",
    "https://server.arcgisonline.com",
)
_SOURCE = re.compile(
    r"^(\*|'self'|'none'|https?:|https?://(\*\.)?[a-z0-9.-]+(:\d{1,5})?|(\*\.)?[a-z0-9.-]+\.[a-z]{2,})$",
    re.IGNORECASE,
)
log = logging.getLogger("alliance_map")


class ConfigError(ValueError):
    """A setting from the environment that cannot be used."""


def frame_ancestors(raw: str | None = None) -> str:
    """The frame-ancestors source list from the environment (or `raw`), checked."""
    value = (os.environ.get(FRAME_ANCESTORS_ENV) if raw is None else raw) or ""
    value = value.strip() or DEFAULT_FRAME_ANCESTORS
    if value.lower() == "none":
        return "'none'"
    sources = value.split()
    bad = [s for s in sources if not _SOURCE.match(s)]
    if bad:
        raise ConfigError(f"{FRAME_ANCESTORS_ENV}: not a CSP source: {' '.join(bad)}")
    return " ".join(sources)


def content_security_policy(app: Dash, ancestors: str) -> str:
    """A policy that works with Dash: its inline scripts allowed by their hashes only."""
    online = " ".join(ONLINE_MAP_HOSTS)
    hashes = " ".join(app.csp_hashes())  # each already quoted: 'sha256-...'
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {hashes}",
        "style-src": "'self' 'unsafe-inline'",  # plotly, MapLibre and React set style attributes
        "img-src": f"'self' data: blob: {online}",
        "connect-src": f"'self' {online}",
        "font-src": "'self' data:",
        "worker-src": "'self' blob:",  # MapLibre's worker
        "child-src": "'self' blob:",
        "frame-src": "'self'",  # the share dialog's preview
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": ancestors,
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def install(app: Dash, ancestors: str) -> None:
    """Headers on every response, a body size limit, and errors that reveal nothing."""
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    policy: list[str] = []  # built on first use: Dash knows its inline scripts only then

    @server.before_request
    def _request_id() -> None:
        g.request_id = uuid.uuid4().hex[:12]

    @server.after_request
    def _headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app, ancestors))
        response.headers["Content-Security-Policy"] = policy[0]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # the layout reads its Referer
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response, int]:
        code = error.code or 400
        return jsonify(error=error.name, request_id=getattr(g, "request_id", "")), code

    @server.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response, int]:
        """A request the app could not handle: logged here in full, answered with an id only.

        Callback requests are built by the page; one that breaks a callback is malformed or
        forged, so it is refused as a bad request (400) and the page keeps what it shows.
        """
        request_id = getattr(g, "request_id", "")
        log.exception("request %s to %s failed", request_id, request.path)
        message = "The request could not be handled. Reload the page if the map stopped responding."
        return jsonify(error=message, request_id=request_id), 400
