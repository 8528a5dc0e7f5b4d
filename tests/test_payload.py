"""The first page load's compressed payload stays within its budget (a size check, not a timing).

The benchmark's target is at most 0.6 x a bare Dash map's 1.74 MB, headers included; this checks
the bodies the page needs, so that a heavier dependency shows up here before it shows up there.
"""

from __future__ import annotations

import re

import brotli

from dashboard.app import create_app

BUDGET = 960_000  # bytes of brotli bodies; about 926,000 now
ASYNC = ("async-graph.js", "async-dropdown.js", "async-slider.js")  # loaded by dcc as it renders


def test_the_first_load_fits_its_budget() -> None:
    client = create_app().server.test_client()
    br = {"Accept-Encoding": "br"}
    page = client.get("/", headers=br)
    assert page.headers["Content-Encoding"] == "br"
    html = brotli.decompress(page.get_data()).decode()
    urls = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert any("dash_renderer" in u for u in urls), urls  # the page lists its scripts
    urls += ["/_dash-layout", "/_dash-dependencies"]
    urls += ["/_dash-component-suites/plotly/package_data/plotly.min.js"]
    urls += [f"/_dash-component-suites/dash/dcc/{name}" for name in ASYNC]
    total = len(page.get_data())
    for url in urls:
        response = client.get(url, headers=br)
        assert response.status_code == 200, url
        total += len(response.get_data())
    assert total <= BUDGET, f"{total:,} bytes"
