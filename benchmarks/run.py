"""Side-by-side benchmarks: alliance-map against a bare Dash map (benchmarks/baseline_app.py).

    .venv/bin/python -m benchmarks.run            # full run, writes benchmarks/RESULTS.md
    .venv/bin/python -m benchmarks.run --quick    # a smoke run (few repeats, short loads)

Both apps run under gunicorn with 2 workers on loopback, in the same run on the same machine.
Pages are measured in headless Chromium whose every request goes through a counting proxy, so
bytes include what MapLibre's worker fetches; times are read in the page (performance.now()).
Requests per second come from a threaded load generator on loopback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.support.ui import WebDriverWait

from layers import load_catalog

ROOT = Path(__file__).resolve().parent.parent
OURS = "dashboard.wsgi:server"
BASELINE = "benchmarks.baseline_app:server"
KADENA = (127.768, 26.3556)
CLICKED = "kadena-air-base"
FUTENMA = (127.756, 26.2743)

MAP_JS = (
    "var gd = document.querySelector('.js-plotly-plot');"
    "var m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot"
    " && gd._fullLayout.map._subplot.map;"
)
# The map is drawn: MapLibre has loaded its style, sources and tiles, and shows trace circles.
DRAWN = MAP_JS + (
    "return !!(m && m.loaded() && m.areTilesLoaded()"
    " && (!m.getSource('land') || m.isSourceLoaded('land'))"
    " && m.queryRenderedFeatures().some(function (f) {"
    "   return f.layer.id.indexOf('plotly-trace-layer') === 0; }));"
)
WATCH_DRAWN = (
    "(function () { function check() { try { if ((function () {"
    + DRAWN
    + "})()) { window.__drawnAt = performance.now(); return; } } catch (e) {}"
    " requestAnimationFrame(check); } requestAnimationFrame(check); })();"
)


@dataclass
class Settings:
    loads: int = 5  # cold and warm page loads per app
    clicks: int = 20
    toggles: int = 20
    load_seconds: float = 10.0
    concurrency: int = 16
    big_layer: int = 100_000


# --- servers ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, timeout: float = 5.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


@dataclass
class Server:
    app: str
    port: int
    process: subprocess.Popen
    started_s: float

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "--ppid", str(self.process.pid), "-o", "pid="],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return [int(p) for p in out.stdout.split()]

    def worker_rss_mb(self) -> float:
        sizes = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            kb = next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
            sizes.append(kb / 1024)
        return statistics.mean(sizes) if sizes else float("nan")


@contextmanager
def serve(app: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """gunicorn with 2 workers on loopback; records the time from spawn to the first 200 on /."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", app, "--workers", "2", "--bind",
               f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
    start = time.perf_counter()
    # its own process group, so that the workers go too if the master has to be killed
    process = subprocess.Popen(
        command, cwd=ROOT, env=os.environ | (env or {}), start_new_session=True
    )
    try:
        deadline = start + 120
        while True:
            try:
                if _get(port, "/") == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"{app} did not start")
            time.sleep(0.02)
        yield Server(app, port, process, time.perf_counter() - start)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # workers left behind by a killed master


# --- a proxy that counts bytes ---------------------------------------------------------------


class CountingProxy(socketserver.ThreadingTCPServer):
    """A plain-HTTP forward proxy for loopback that counts response bytes as sent on the wire,
    and keeps the bodies of Dash callback requests (to replay them under load)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.bytes = 0
        self.by_path: dict[str, int] = {}
        self.callbacks: list[tuple[str, bytes]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def reset(self) -> None:
        with self.lock:
            self.bytes = 0
            self.by_path = {}


class _ProxyHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(65536).decode("latin-1")
        if not line:
            return
        method, target, _ = line.split(" ", 2)
        headers: list[tuple[str, str]] = []
        length = 0
        while (raw := self.rfile.readline(65536).decode("latin-1")) not in ("\r\n", "\n", ""):
            name, value = raw.split(":", 1)
            if name.lower() in ("proxy-connection", "connection", "keep-alive"):
                continue
            headers.append((name, value.strip()))
            if name.lower() == "content-length":
                length = int(value)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(target)
        if method == "CONNECT" or url.hostname not in ("127.0.0.1", "localhost"):
            # Chromium's own calls to its services: refused, and not counted.
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        path = url.path + (f"?{url.query}" if url.query else "")
        if method == "POST" and "_dash-update-component" in path:
            with self.server.lock:  # type: ignore[attr-defined]
                self.server.callbacks.append((path, body))  # type: ignore[attr-defined]
        upstream = socket.create_connection((url.hostname, url.port or 80))
        request = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers),
                   "Connection: close", "", ""]  # fmt: skip
        upstream.sendall("\r\n".join(request).encode("latin-1") + body)
        sent = 0
        while chunk := upstream.recv(65536):
            self.wfile.write(chunk)
            sent += len(chunk)
        upstream.close()
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.bytes += sent  # type: ignore[attr-defined]
            by_path = self.server.by_path  # type: ignore[attr-defined]
            by_path[url.path] = by_path.get(url.path, 0) + sent


# --- the browser -----------------------------------------------------------------------------


def browser(proxy: CountingProxy, size: str = "1366,768") -> webdriver.Chrome:
    options = Options()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        "--no-first-run", f"--window-size={size}",
        f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
        "--proxy-bypass-list=<-loopback>",  # loopback through the counting proxy too
        f"--user-data-dir={tempfile.mkdtemp(prefix='bench-chrome-')}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_DRAWN})
    driver.set_script_timeout(30)
    return driver


def _wait_drawn(driver: webdriver.Chrome, timeout: float = 60) -> float:
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return window.__drawnAt || null")
    )
    return float(driver.execute_script("return window.__drawnAt"))


def _quiet(proxy: CountingProxy, seconds: float = 1.0) -> int:
    """Wait until no byte has moved for `seconds`; the bytes counted so far."""
    last, since = proxy.bytes, time.perf_counter()
    while time.perf_counter() - since < seconds:
        time.sleep(0.1)
        if proxy.bytes != last:
            last, since = proxy.bytes, time.perf_counter()
    return last


def page_loads(server: Server, proxy: CountingProxy, runs: int) -> dict[str, list[float]]:
    """Cold loads (new profile each time): bytes and time to map drawn; then a warm reload."""
    out: dict[str, list[float]] = {"bytes": [], "cold_ms": [], "warm_ms": []}
    for _ in range(runs):
        driver = browser(proxy)
        try:
            proxy.reset()
            driver.get(f"http://127.0.0.1:{server.port}/")
            out["cold_ms"].append(_wait_drawn(driver))
            out["bytes"].append(_quiet(proxy))
            driver.get(f"http://127.0.0.1:{server.port}/")
            out["warm_ms"].append(_wait_drawn(driver))
        finally:
            driver.quit()
    return out


def _click_map(driver: webdriver.Chrome, lon: float, lat: float) -> None:
    x, y = driver.execute_script(
        MAP_JS + "var p = m.project([arguments[0], arguments[1]]);"
        "var r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y];",
        lon, lat,
    )  # fmt: skip
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.pointer_action.click()
    actions.perform()


def _relayout_okinawa(driver: webdriver.Chrome) -> None:
    driver.execute_script(
        "var gd = document.querySelector('.js-plotly-plot');"
        "Plotly.relayout(gd, {'map.center': {lon: 127.762, lat: 26.315}, 'map.zoom': 11});"
    )
    time.sleep(1.0)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(MAP_JS + "return m.loaded();"))


def click_latencies(server: Server, proxy: CountingProxy, panel: str, count: int) -> list[float]:
    """ms from plotly's click event to the panel changing, alternating two markers."""
    driver = browser(proxy)
    try:
        driver.get(f"http://127.0.0.1:{server.port}/")
        _wait_drawn(driver)
        _relayout_okinawa(driver)
        driver.execute_script(
            "window.__lat = []; var t0 = null;"
            "var gd = document.querySelector('.js-plotly-plot');"
            "gd.on('plotly_click', function () { t0 = performance.now(); });"
            "new MutationObserver(function () { if (t0 !== null) {"
            "  window.__lat.push(performance.now() - t0); t0 = null; } })"
            ".observe(document.querySelector(arguments[0]),"
            " {childList: true, subtree: true, characterData: true});",
            panel,
        )
        for n in range(count):
            _click_map(driver, *(KADENA if n % 2 == 0 else FUTENMA))
            WebDriverWait(driver, 10, poll_frequency=0.02).until(
                lambda d, n=n: len(d.execute_script("return window.__lat")) > n
            )
        return [float(v) for v in driver.execute_script("return window.__lat")]
    finally:
        driver.quit()


def toggle_latencies(server: Server, proxy: CountingProxy, layer: str, count: int) -> list[float]:
    """ms from a layer checkbox changing to MapLibre rendering a frame that agrees with it."""
    driver = browser(proxy)
    try:
        driver.get(f"http://127.0.0.1:{server.port}/")
        _wait_drawn(driver, timeout=120)
        driver.execute_script(
            MAP_JS + "window.__tog = []; var t0 = null;"
            "var box = document.querySelector(arguments[0]);"
            "var id = 'plotly-trace-layer-' + arguments[1] + '-circle';"
            "box.addEventListener('change', function () { t0 = performance.now(); }, true);"
            "m.on('render', function () {"
            "  var shown = !!m.getLayer(id) && m.getLayoutProperty(id, 'visibility') !== 'none';"
            "  if (t0 !== null && shown === box.checked) {"
            "    window.__tog.push(performance.now() - t0); t0 = null; } });",
            f"#layer-toggles input[value='{layer}']",
            layer,
        )
        box = driver.find_element("css selector", f"#layer-toggles input[value='{layer}']")
        for n in range(count):
            driver.execute_script("arguments[0].click();", box)
            WebDriverWait(driver, 30, poll_frequency=0.02).until(
                lambda d, n=n: len(d.execute_script("return window.__tog")) > n
            )
            time.sleep(0.3)  # let the server's answers to the change (the address) come in
        return [float(v) for v in driver.execute_script("return window.__tog")]
    finally:
        driver.quit()


# --- load --------------------------------------------------------------------------------------


def requests_per_second(
    port: int, method: str, path: str, body: bytes, seconds: float, concurrency: int
) -> tuple[float, int]:
    """(requests/s, errors) for one endpoint, `concurrency` clients for `seconds`."""
    done, errors = [0] * concurrency, [0] * concurrency
    headers = {"Content-Type": "application/json", "Accept-Encoding": "br, gzip"} if body else {
        "Accept-Encoding": "br, gzip"}  # fmt: skip
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, path, body=body or None, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    done[i] += 1
                else:
                    errors[i] += 1
            except OSError:
                errors[i] += 1
            finally:
                conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start), sum(errors)


def _callback_body(proxy: CountingProxy, marker: str) -> tuple[str, bytes]:
    for path, body in reversed(proxy.callbacks):
        if marker in body.decode("utf-8", "replace"):
            return path, body
    raise RuntimeError(f"no recorded callback with {marker}")


# --- a synthetic big layer ---------------------------------------------------------------------


def big_geodata(points: int) -> tuple[Path, Path]:
    """A copy of geodata/ and layers/specs/ with one more layer of `points` sourced points."""
    root = Path(tempfile.mkdtemp(prefix="bench-geodata-"))
    geodata, specs = root / "geodata", root / "specs"
    shutil.copytree(ROOT / "geodata", geodata)
    shutil.copytree(ROOT / "layers" / "specs", specs)
    features = []
    for i in range(points):
        lon = round(123.0 + (i % 400) * 0.05, 5)
        lat = round(24.0 + (i // 400) * 0.08, 5)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": f"synthetic-{i}", "name_en": f"Synthetic {i}", "name_ja": f"合成{i}",
                "kind": "other", "operator": "JGSDF", "status": "active",
                "sources": ["airportsdata"], "position_source": "airportsdata",
                "position_basis": "synthetic benchmark point",
            },
        })  # fmt: skip
    (geodata / "synthetic.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    (specs / "synthetic.toml").write_text(
        'id = "synthetic"\nfile = "synthetic.geojson"\nschema = "sdf_base"\norder = 9\n'
        'color = "#777777"\nsymbol = "solid"\ndefault_visible = true\n'
        'title_en = "Synthetic"\ntitle_ja = "合成"\n'
        'description_en = "Benchmark points"\ndescription_ja = "ベンチマーク用の点"\n'
    )
    return geodata, specs


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    ours: float | None
    base: float | None
    unit: str
    target: str
    runs: int
    ok: bool | None = None
    note: str = ""
    ratio: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.ours is not None and self.base:
            self.ratio = self.ours / self.base


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def unprepared_start() -> float:
    """Seconds from spawn to the first 200 when the workers must validate the geodata first."""
    folder = tempfile.mkdtemp(prefix="alliance-map-unprepared-")
    try:
        with serve(OURS, {"ALLIANCE_MAP_CACHE": folder}) as server:
            return server.started_s
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(settings: Settings) -> list[Row]:
    proxy = CountingProxy()
    rows: list[Row] = []
    measured: dict[str, dict[str, float | list[float]]] = {}
    load_catalog()  # as `alliance-map validate` does before a deployment starts its workers
    for name, app in (("ours", OURS), ("base", BASELINE)):
        with serve(app) as server:
            loads = page_loads(server, proxy, settings.loads)
            panel = "#info-panel" if name == "ours" else "#name"
            clicks = click_latencies(server, proxy, panel, settings.clicks)
            # The request a click waits for: the clickData callback for the baseline; for ours
            # the place's panel JSON (the click, the panel and the halo are handled in the
            # browser). A click of ours also causes the URL-state callback, measured beside it.
            if name == "ours":
                click = ("GET", f"/panels/en/page/{CLICKED}.json", b"")
                state = ("POST", *_callback_body(proxy, '"output":"view-state.data"'))
            else:
                click = ("POST", *_callback_body(proxy, "clickData"))
                state = None
            rates = {}
            for label, request in (
                ("/", ("GET", "/", b"")),
                ("layout", ("GET", "/_dash-layout", b"")),
                ("a click's request", click),
                ("the URL-state callback", state),
            ):
                if request is not None:
                    rates[label] = requests_per_second(
                        server.port, *request, settings.load_seconds, settings.concurrency
                    )
            measured[name] = {
                "start_s": server.started_s,
                "bytes": statistics.median(loads["bytes"]),
                "cold_ms": statistics.median(loads["cold_ms"]),
                "warm_ms": statistics.median(loads["warm_ms"]),
                "click_p95": p95(clicks),
                "click_p50": statistics.median(clicks),
                "rss_mb": server.worker_rss_mb(),
                **{f"rps {k}": v[0] for k, v in rates.items()},
                "errors": sum(v[1] for v in rates.values()),
            }
            if name == "ours":
                toggles = toggle_latencies(server, proxy, "disputed_islands", settings.toggles)
                measured[name]["toggle_p95"] = p95(toggles)
                measured[name]["toggle_p50"] = statistics.median(toggles)
    ours, base = measured["ours"], measured["base"]
    n = settings.loads
    rows += [
        Row("bytes transferred, cold first load", ours["bytes"] / 1e6, base["bytes"] / 1e6, "MB",
            "<= 0.6x", n),
        Row("navigation start to map drawn, cold cache", ours["cold_ms"], base["cold_ms"], "ms",
            "<= 0.9x", n),
        Row("navigation start to map drawn, warm cache", ours["warm_ms"], base["warm_ms"], "ms",
            "<= 0.9x", n),
        Row("click on a marker to the panel showing it, p95", ours["click_p95"],
            base["click_p95"], "ms", "<= 100 ms", settings.clicks),
        Row("layer toggle to map updated, p95", ours["toggle_p95"], None, "ms", "<= 100 ms",
            settings.toggles, note="the baseline has no layer toggles"),
        Row("server start to first 200", ours["start_s"], base["start_s"], "s", "<= 2x", 1,
            note="geodata prepared by `alliance-map validate`"),
        Row("server start to first 200, geodata not yet prepared", unprepared_start(), None,
            "s", "report", 1, note="the first start after a geodata change validates it"),
        Row("memory (RSS) per gunicorn worker after warm-up", ours["rss_mb"], base["rss_mb"],
            "MB", "<= 1.3x", 2),
    ]  # fmt: skip
    for label, note in (
        ("/", ""),
        ("layout", ""),
        ("a click's request", "ours: the panel JSON; baseline: its click callback"),
    ):
        key = f"rps {label}"
        rows.append(
            Row(
                f"requests/s on {label}, 2 workers",
                ours[key],
                base[key],
                "req/s",
                ">= 0.8x",
                settings.concurrency,
                note=note,
            )
        )
    rows.append(Row("requests/s on the URL-state callback a click also causes, 2 workers",
                    ours["rps the URL-state callback"], None, "req/s", "report",
                    settings.concurrency))  # fmt: skip
    rows += big_layer_rows(proxy, settings)
    for row in rows:
        row.ok = _meets(row)
    rows.append(Row("errors during the load runs", ours["errors"], base["errors"], "", "0", 1,
                    ok=ours["errors"] == 0))  # fmt: skip
    return rows


def big_layer_rows(proxy: CountingProxy, settings: Settings) -> list[Row]:
    geodata, specs = big_geodata(settings.big_layer)
    env = {
        "ALLIANCE_MAP_GEODATA": str(geodata),
        "ALLIANCE_MAP_SPECS": str(specs),
        "ALLIANCE_MAP_CACHE": str(geodata.parent / "prepared"),
    }
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dashboard.cli", "validate"], cwd=ROOT,
                       env=os.environ | env, check=True, capture_output=True)  # fmt: skip
        validated_s = time.perf_counter() - started
        with serve(OURS, env) as server:
            loads = page_loads(server, proxy, 1)
            toggles = toggle_latencies(server, proxy, "synthetic", max(4, settings.toggles // 4))
            start_s = server.started_s
    finally:
        shutil.rmtree(geodata.parent, ignore_errors=True)
    points = f"{settings.big_layer:,} extra points"
    return [
        Row(f"{points}: alliance-map validate", validated_s, None, "s", "report", 1),
        Row(f"{points}: server start", start_s, None, "s", "report", 1),
        Row(f"{points}: map drawn, cold", loads["cold_ms"][0], None, "ms", "report", 1),
        Row(f"{points}: bytes, cold", loads["bytes"][0] / 1e6, None, "MB", "report", 1),
        Row(f"{points}: toggle, p95", p95(toggles), None, "ms", "< 1000 ms", len(toggles)),
    ]


def _meets(row: Row) -> bool | None:
    target = row.target
    if target == "report" or row.ours is None:
        return None
    if target.startswith("<=") and target.endswith("x"):
        return row.ratio is not None and row.ratio <= float(target[2:-1])
    if target.startswith(">=") and target.endswith("x"):
        return row.ratio is not None and row.ratio >= float(target[2:-1])
    if target.endswith("ms"):
        limit = float(target.split()[1])
        return row.ours < limit if target.startswith("<") and not target.startswith("<=") else (
            row.ours <= limit)  # fmt: skip
    return None


def markdown(rows: list[Row], settings: Settings) -> str:
    def fmt(value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        digits = 2 if unit in ("MB", "s") else 0
        return f"{value:,.{digits}f} {unit}".strip()

    machine = (
        f"{platform.node()}: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )
    lines = [
        "# Benchmarks: alliance-map against a bare Dash map",
        "",
        f"Run on {date.today().isoformat()} on {machine}, Python {platform.python_version()}.",
        "Produced by `.venv/bin/python -m benchmarks.run`; both apps under gunicorn with",
        "2 workers, in the same run; medians unless p95 is said; ratio = alliance-map / baseline.",
        "",
        "| measure | alliance-map | baseline | ratio | target | runs | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[row.ok]
        note = f" ({row.note})" if row.note else ""
        lines.append(
            f"| {row.measure}{note} | {fmt(row.ours, row.unit)} | {fmt(row.base, row.unit)} |"
            f" {ratio} | {row.target} | {row.runs} | {met} |"
        )
    settings_text = ", ".join(f"{k}={v}" for k, v in settings.__dict__.items())
    lines += ["", f"Settings: {settings_text}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few repeats")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args(argv)
    settings = Settings()
    if args.quick:
        settings = Settings(loads=1, clicks=3, toggles=3, load_seconds=1.0, concurrency=4,
                            big_layer=2000)  # fmt: skip
    rows = run(settings)
    text = markdown(rows, settings)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
