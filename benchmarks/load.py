"""A load run against alliance-map under gunicorn, on loopback, bounded in time and count.

    .venv/bin/python -m benchmarks.load [--seconds 60] [--concurrency 64] [--kill-worker]

A realistic mix: the page, the layout, the dependencies, the panels' JSON, the halo callback and
static assets. It records requests, errors and time-outs, p50/p99 latency, the workers' memory
before and after, and (with --kill-worker) what happens when a worker is killed mid-run; the
numbers are appended to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.run import OURS, Server, serve

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 2_000_000  # a hard bound besides the time


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    timeouts: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors_after_kill: list[float] = field(default_factory=list)  # seconds after the kill

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[int(0.99 * (len(ordered) - 1))] if ordered else float("nan")


def _request(port: int, method: str, path: str, body: bytes | None, headers: dict) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def request_mix(port: int) -> list[tuple[str, str, bytes | None, dict]]:
    """The requests a page and its users make, built from the app's own callback list."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/_dash-dependencies")
    dependencies = json.loads(conn.getresponse().read())
    conn.close()
    html = {"Accept-Encoding": "br, gzip"}
    mix: list[tuple[str, str, bytes | None, dict]] = [
        ("GET", "/", None, html),
        ("GET", "/_dash-layout", None, html | {"Referer": "http://127.0.0.1/?lang=ja"}),
        ("GET", "/_dash-dependencies", None, html),
        ("GET", "/_dash-component-suites/plotly/package_data/plotly.min.js", None, html),
        ("GET", "/vendor/maplibre-gl-shared-6.9.0.min.js", None, html),
        ("GET", "/assets/style.css", None, html),
        ("GET", "/basemap/land-coarse.geojson", None, html),
    ]
    highlight = next(
        d for d in dependencies
        if d["output"].startswith("map.figure@")
        and [i["id"] for i in d["inputs"]] == ["halo-request"]
    )  # fmt: skip
    post = html | {"Content-Type": "application/json"}
    for place in ("kadena-air-base", "mcas-futenma", "uotsuri-jima", "jgsdf-camp-yonaguni"):
        mix.append(("GET", f"/panels/en/page/{place}.json", None, html))
        body = {
            "output": highlight["output"], "outputs": {"id": "map", "property": "figure"},
            "inputs": [{"id": "halo-request", "property": "data", "value": {"id": place}}],
            "state": [{"id": "view-state", "property": "data", "value": "?lang=en"},
                      {"id": "focus", "property": "data", "value": None}],
            "changedPropIds": ["halo-request.data"],
        }  # fmt: skip
        mix.append(("POST", "/_dash-update-component", json.dumps(body).encode(), post))
    return mix


def run_load(
    server: Server, seconds: float, concurrency: int, kill_at: float | None = None
) -> LoadResult:
    """`concurrency` clients for `seconds`; optionally SIGKILL one worker at `kill_at` seconds."""
    mix = request_mix(server.port)
    result = LoadResult()
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + seconds
    killed_at: list[float] = []

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < stop and result.requests < MAX_REQUESTS:
            method, path, body, headers = rng.choice(mix)
            began = time.perf_counter()
            try:
                status = _request(server.port, method, path, body, headers)
                ok, timeout = status == 200, False
            except TimeoutError:
                ok, timeout = False, True
            except OSError:
                ok, timeout = False, False
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                result.requests += 1
                if ok:
                    result.latencies_ms.append(elapsed)
                else:
                    result.errors += 1
                    result.timeouts += timeout
                    if killed_at:
                        result.errors_after_kill.append(time.perf_counter() - killed_at[0])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    if kill_at is not None:
        time.sleep(max(0.0, start + kill_at - time.perf_counter()))
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        killed_at.append(time.perf_counter())
    for thread in threads:
        thread.join()
    return result


def report(result: LoadResult, rss_before: float, rss_after: float, seconds: float,
           concurrency: int, killed: LoadResult | None) -> str:  # fmt: skip
    growth = 100 * (rss_after - rss_before) / rss_before
    lines = [
        "",
        f"## Load: {concurrency} concurrent connections for {seconds:.0f} s, 2 workers",
        "",
        "| measure | value |",
        "|---|---|",
        f"| requests | {result.requests:,} ({result.requests / seconds:,.0f}/s) |",
        f"| errors, of which time-outs | {result.errors}, {result.timeouts} |",
        f"| latency p50 / p99 | {result.p50:,.1f} ms / {result.p99:,.1f} ms |",
        f"| RSS per worker before / after | {rss_before:,.1f} MB / {rss_after:,.1f} MB"
        f" ({growth:+.1f} %) |",
    ]
    if killed is not None:
        late = [t for t in killed.errors_after_kill if t > 1.0]
        lines += [
            f"| a worker killed (SIGKILL) mid-run: failed requests | {killed.errors} of"
            f" {killed.requests:,}, {len(late)} of them more than 1 s after the kill |",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args(argv)
    with serve(OURS) as server:
        run_load(server, 5, 8)  # warm-up
        before = server.worker_rss_mb()
        result = run_load(server, args.seconds, args.concurrency)
        after = server.worker_rss_mb()
        killed = run_load(server, 10, 16, kill_at=3) if args.kill_worker else None
    text = report(result, before, after, args.seconds, args.concurrency, killed)
    with open(args.out, "a", encoding="utf-8") as out:
        out.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
