"""Static files, compressed once: Dash's scripts, the assets, the basemap and the plotly bundle.

Every static response is compressed with brotli (or gzip, for clients without it) the first time
it is asked for and kept in memory; the big vendored files ship precompressed beside themselves
(`.br`, `.gz`, made at build time with the best settings). The full plotly.min.js is replaced by
a bundle with only the trace type the map uses, whose MapLibre shares one copy of its common code
with its worker; Dash's Babel polyfill by the regenerator runtime its scripts call (the app is
for current browsers, which need no core-js).
"""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import brotli
from flask import Flask, Request, Response, request, send_file

HERE = Path(__file__).resolve().parent
PLOTLY_BUNDLE = HERE / "vendor" / "plotly-map.min.js"
PLOTLY_ROUTE = "/_dash-component-suites/plotly/package_data/plotly.min.js"
# MapLibre's code shared by the map and its worker: on the page before the plotly bundle, and
# loaded by the worker from the browser's cache (scripts/plotly-bundle/build.js).
MAPLIBRE_SHARED = HERE / "vendor" / "maplibre-gl-shared-6.9.0.min.js"
MAPLIBRE_SHARED_ROUTE = f"/vendor/{MAPLIBRE_SHARED.name}"
# Dash's Babel polyfill (core-js for old browsers) is replaced by the one part its scripts use.
POLYFILL_PREFIX = "/_dash-component-suites/dash/deps/polyfill@7."
REGENERATOR = HERE / "vendor" / "regenerator-runtime-0.14.1.min.js"
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/basemap/", "/panels/", "/vendor/")
DYNAMIC_PATHS = ("/_dash-layout", "/_dash-update-component", "/_dash-dependencies")
MIN_SIZE = 1024  # smaller bodies are sent as they are


def precompress_file(path: str | Path) -> None:
    """Write `path`.br and `path`.gz with the best (slow) settings, for files shipped as is."""
    path = Path(path)
    data = path.read_bytes()
    Path(f"{path}.br").write_bytes(brotli.compress(data, quality=11))
    Path(f"{path}.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _encoding(req: Request) -> str | None:
    accepted = req.headers.get("Accept-Encoding", "")
    if "br" in accepted:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return None


class Compressed:
    """A memory cache of compressed static bodies, keyed by URL and encoding."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str, encoding: str, body: bytes, beside: Path | None = None) -> bytes:
        cached = self._cache.get((key, encoding))
        if cached is not None:
            return cached
        suffix = ".br" if encoding == "br" else ".gz"
        if beside is not None and Path(f"{beside}{suffix}").is_file():
            packed = Path(f"{beside}{suffix}").read_bytes()
        elif encoding == "br":
            packed = brotli.compress(body, quality=9)
        else:
            packed = gzip.compress(body, compresslevel=9, mtime=0)
        with self._lock:
            self._cache[(key, encoding)] = packed
        return packed


def _compress_now(response: Response, encoding: str) -> Response:
    """Dash's JSON answers (layout, callbacks) and the page: compressed per response, fast."""
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    if encoding == "br":
        packed = brotli.compress(body, quality=4)
    else:
        packed = gzip.compress(body, compresslevel=5, mtime=0)
    response.set_data(packed)
    response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _shipped(path: str) -> Path | None:
    """The vendored script served at a URL (in place of Dash's own, or beside it), if any."""
    if path == PLOTLY_ROUTE:
        return PLOTLY_BUNDLE
    if path == MAPLIBRE_SHARED_ROUTE:
        return MAPLIBRE_SHARED
    if path.startswith(POLYFILL_PREFIX):
        return REGENERATOR
    return None


def install(server: Flask, basemap_folder: Path) -> None:
    cache = Compressed()

    @server.before_request
    def serve_shipped() -> Response | None:
        file = _shipped(request.path)
        if file is None or request.method not in ("GET", "HEAD"):
            return None
        return send_file(file, mimetype="application/javascript", max_age=31536000)

    def file_behind(path: str) -> Path | None:
        """The file on disk with precompressed copies beside it, for the URLs that have one."""
        if (file := _shipped(path)) is not None:
            return file
        if path.startswith("/basemap/"):
            return basemap_folder / path.rsplit("/", 1)[-1]
        return None

    @server.after_request
    def compress(response: Response) -> Response:
        path = request.path
        encoding = _encoding(request)
        if (
            response.status_code != 200
            or encoding is None
            or "Content-Encoding" in response.headers
            or (response.direct_passthrough and not path.startswith(STATIC_PREFIXES))
        ):
            return response
        dynamic = path.endswith(DYNAMIC_PATHS) or response.mimetype == "text/html"  # + the page
        if dynamic and request.method in ("GET", "POST"):
            return _compress_now(response, encoding)
        if request.method != "GET" or not path.startswith(STATIC_PREFIXES):
            return response
        response.direct_passthrough = False
        body = response.get_data()
        if len(body) < MIN_SIZE:
            return response
        key = request.full_path
        packed = cache.get(key, encoding, body, file_behind(path))
        response.set_data(packed)
        response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        return response
