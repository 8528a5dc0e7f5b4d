"""HTTP response headers: who may frame the app (Content-Security-Policy frame-ancestors).

Framing by any site is allowed by default, so the map can be embedded in articles and slides.
Set ALLIANCE_MAP_FRAME_ANCESTORS to a space-separated list of CSP sources to restrict it, e.g.
"'self' https://news.example https://*.example.org", or to 'none' to forbid framing.
"""

from __future__ import annotations

import os
import re

from flask import Flask, Response

FRAME_ANCESTORS_ENV = "ALLIANCE_MAP_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = "*"
_SOURCE = re.compile(
    r"^(\*|'self'|'none'|https?:|https?://(\*\.)?[a-z0-9.-]+(:\d{1,5})?|(\*\.)?[a-z0-9.-]+\.[a-z]{2,})$",
    re.IGNORECASE,
)


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


def install(server: Flask, ancestors: str) -> None:
    """Send the framing policy with every response."""

    @server.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
        return response
