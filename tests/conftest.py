"""Shared fixtures: geodata folders for validation tests, and headless Chromium for browser tests.

Browser tests run in real headless Chromium (Debian's `chromium` + `chromedriver`) with WebGL by
SwiftShader. Every request to a host other than loopback is routed to `OUTSIDE`, a recording proxy
that refuses it, so a test can assert that the page asked nothing of the network. Chromium itself
calls a few Google services at start-up whatever the page does (sign-in, component updates, network
time); those hosts, and only those, are left out of what the tests see.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socketserver
import tempfile
import threading
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

ROOT = Path(__file__).resolve().parent.parent
# Prepared catalogs go to a folder of this run (servers the tests start inherit it), so every
# run validates the geodata afresh and leaves nothing behind.
if "ALLIANCE_MAP_CACHE" not in os.environ:
    os.environ["ALLIANCE_MAP_CACHE"] = tempfile.mkdtemp(prefix="alliance-map-prepared-")
    atexit.register(shutil.rmtree, os.environ["ALLIANCE_MAP_CACHE"], ignore_errors=True)
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,NetworkTimeServiceQuerying",
]


BROWSER_SERVICES = frozenset(
    {
        "accounts.google.com",
        "clients2.google.com",
        "update.googleapis.com",
        "optimizationguide-pa.googleapis.com",
        "content-autofill.googleapis.com",
        "redirector.gvt1.com",
        "edgedl.me.gvt1.com",
    }
)


def _host(request_line: str) -> str:
    """'CONNECT a.b:443 HTTP/1.1' or 'GET http://a.b/x HTTP/1.1' -> 'a.b'."""
    target = request_line.split(" ")[1] if " " in request_line else request_line
    target = target.split("://", 1)[-1]
    return target.split("/", 1)[0].rsplit(":", 1)[0]


class _Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RefuseAndRecord)
        self.requests: list[str] = []


class _RefuseAndRecord(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(4096).decode("latin-1").strip()
        if line:
            self.server.requests.append(line)  # type: ignore[attr-defined]
        self.wfile.write(
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )


OUTSIDE = _Recorder()
threading.Thread(target=OUTSIDE.serve_forever, daemon=True).start()


def pytest_setup_options() -> Options:
    """Chromium options for dash[testing]'s `dash_duo`."""
    options = Options()
    if CHROMIUM:
        options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--proxy-server=http://127.0.0.1:{OUTSIDE.server_address[1]}")
    # Chromium sends loopback (localhost, 127.0.0.0/8, [::1]) direct and everything else to OUTSIDE.
    options.add_argument("--window-size=1366,768")
    return options


class OutsideRequests:
    """What the page tried to send off this machine (Chromium's own service calls left out)."""

    def __init__(self) -> None:
        OUTSIDE.requests.clear()

    def __call__(self) -> list[str]:
        return [r for r in OUTSIDE.requests if _host(r) not in BROWSER_SERVICES]


@pytest.fixture
def outside_requests() -> OutsideRequests:
    return OutsideRequests()


@pytest.fixture
def fixture_geodata(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture geodata, with the real basemap beside it."""
    target = tmp_path / "geodata"
    shutil.copytree(FIXTURE, target)
    (target / "basemap").symlink_to(ROOT / "geodata" / "basemap")
    return target
