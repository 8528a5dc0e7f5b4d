"""The production setup of docs/deploy.md: nginx in front of gunicorn, started on loopback."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import time
from pathlib import Path

import pytest

from benchmarks.run import OURS, serve
from deploy.render_nginx import render

NGINX = "/usr/sbin/nginx"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, method: str, path: str, body: bytes | None = None, **headers: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture
def nginx_port(tmp_path: Path):
    with serve(OURS) as gunicorn:
        port = _port()
        for folder in ("body", "proxy"):
            (tmp_path / folder).mkdir()
        conf = tmp_path / "nginx.conf"
        conf.write_text(render(f"127.0.0.1:{port}", f"127.0.0.1:{gunicorn.port}", tmp_path))
        check = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"])
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    if _get(port, "GET", "/")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            yield port
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)


def test_pages_callbacks_and_compressed_assets_come_through_nginx(nginx_port: int) -> None:
    status, headers, body = _get(nginx_port, "GET", "/")
    assert status == 200 and b"react-entry-point" in body
    assert "frame-ancestors" in headers["Content-Security-Policy"]  # the app's headers pass
    status, _, body = _get(nginx_port, "GET", "/_dash-layout")
    assert status == 200 and b"info-panel" in body
    deps = json.loads(_get(nginx_port, "GET", "/_dash-dependencies")[2])
    highlight = next(
        d for d in deps
        if d["output"].startswith("map.figure@")
        and [i["id"] for i in d["inputs"]] == ["halo-request"]
    )  # fmt: skip
    callback = {
        "output": highlight["output"], "outputs": {"id": "map", "property": "figure"},
        "inputs": [{"id": "halo-request", "property": "data",
                    "value": {"id": "kadena-air-base"}}],
        "state": [{"id": "view-state", "property": "data", "value": ""},
                  {"id": "focus", "property": "data", "value": None}],
        "changedPropIds": ["halo-request.data"],
    }  # fmt: skip
    post = {"Content-Type": "application/json"}
    body_out = json.dumps(callback).encode()
    status, _, body = _get(nginx_port, "POST", "/_dash-update-component", body_out, **post)
    assert status == 200 and b'"lon"' in body
    status, _, body = _get(nginx_port, "GET", "/panels/en/page/kadena-air-base.json")
    assert status == 200 and b"Kadena Air Base" in body

    vendor = Path(__file__).resolve().parent.parent / "dashboard/vendor"
    for url, shipped in (
        ("/_dash-component-suites/plotly/package_data/plotly.min.js", "plotly-map.min.js"),
        ("/vendor/maplibre-gl-shared-6.9.0.min.js", "maplibre-gl-shared-6.9.0.min.js"),
    ):
        for encoding in ("br", "gzip"):
            status, headers, body = _get(nginx_port, "GET", url, **{"Accept-Encoding": encoding})
            assert status == 200 and headers["Content-Encoding"] == encoding
            assert "max-age=31536000" in headers["Cache-Control"]
            suffix = ".br" if encoding == "br" else ".gz"
            # nginx sent the precompressed file
            assert body == (vendor / f"{shipped}{suffix}").read_bytes()
    status, headers, _ = _get(nginx_port, "GET", "/basemap/land-coarse.geojson",
                              **{"Accept-Encoding": "br"})  # fmt: skip
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert "max-age=86400" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
