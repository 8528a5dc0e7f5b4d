"""Start-up with broken or missing geodata refuses to start, clearly; the app writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.app import create_app
from tests.conftest import ROOT

ENV = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_MAP_")}


def _broken(fixture_geodata: Path, how: str) -> Path:
    if how == "missing":
        (fixture_geodata / "disputed_islands.geojson").unlink()
    else:
        (fixture_geodata / "us_bases.geojson").write_text('{"type": "FeatureCollection", "feat')
    return fixture_geodata


@pytest.mark.parametrize("how", ["missing", "malformed"])
def test_serve_refuses_to_start_with_a_clear_message(fixture_geodata: Path, how: str) -> None:
    root = _broken(fixture_geodata, how)
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", "0"],
        env=ENV | {"ALLIANCE_MAP_GEODATA": str(root)},
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "refusing to start" in result.stderr
    name = "disputed_islands.geojson" if how == "missing" else "us_bases.geojson"
    assert name in result.stderr and "Traceback" not in result.stderr


def test_gunicorn_does_not_serve_a_map_with_a_layer_missing(fixture_geodata: Path) -> None:
    root = _broken(fixture_geodata, "missing")
    process = subprocess.run(
        [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "--bind", "127.0.0.1:0",
         "--workers", "1"],
        env=ENV | {"ALLIANCE_MAP_GEODATA": str(root)},
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert process.returncode != 0  # workers fail to boot and the master gives up
    assert "disputed_islands.geojson: file not found" in process.stderr


def test_validate_exits_non_zero_on_a_broken_file(fixture_geodata: Path) -> None:
    root = _broken(fixture_geodata, "malformed")
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "validate"],
        env=ENV | {"ALLIANCE_MAP_GEODATA": str(root)},
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1 and "us_bases.geojson: malformed JSON" in result.stderr


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_serving_never_writes_into_geodata() -> None:
    before = _snapshot(ROOT / "geodata")
    client = create_app().server.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/basemap/land.geojson",
                 "/basemap/land-coarse.geojson"):  # fmt: skip
        assert client.get(path, headers={"Accept-Encoding": "br"}).status_code == 200
    assert _snapshot(ROOT / "geodata") == before


def test_a_killed_worker_is_replaced_and_only_in_flight_requests_fail() -> None:
    """Under load, SIGKILL one gunicorn worker: gunicorn starts another, and at most the requests
    that worker was serving fail (a few seconds, bounded)."""
    import time

    from benchmarks.load import run_load
    from benchmarks.run import OURS, serve

    with serve(OURS) as server:
        before = set(server.workers())
        result = run_load(server, seconds=6, concurrency=8, kill_at=2)
        deadline = time.monotonic() + 20
        while len(server.workers()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        after = set(server.workers())
    assert len(after) == 2 and len(after - before) == 1  # one new worker took the dead one's place
    assert result.requests > 50
    assert result.errors <= 8  # at most one in-flight request per client
    assert not [t for t in result.errors_after_kill if t > 1.0]  # none once it was replaced
