"""Regenerate docs/screenshot.png, the picture at the top of the README.

    .venv/bin/python scripts/screenshot.py [--query "select=kadena-air-base"]

Serves the app on a free loopback port, opens it in headless Chromium at 1366x768 and saves the
page once the map has drawn.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.app import create_app  # noqa: E402

READY = (
    "var gd = document.querySelector('#map .js-plotly-plot');"
    "var m = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map;"
    "return !!(m && m.loaded() && m.isSourceLoaded('land') && m.areTilesLoaded());"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="select=kadena-air-base&view=30.5,131.5,4.4")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, create_app().server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = Options()
    options.binary_location = shutil.which("chromium") or "chromium"
    width, height = args.size.split("x")
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--disable-background-networking", "--use-gl=angle", "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader", f"--window-size={width},{height}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    try:
        driver.get(f"http://127.0.0.1:{port}/?{args.query}")
        WebDriverWait(driver, 30, poll_frequency=0.2).until(lambda d: d.execute_script(READY))
        time.sleep(0.5)  # let the panel settle
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(args.out)
        print(f"wrote {args.out}")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
