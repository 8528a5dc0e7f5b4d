"""A quick smoke run of the benchmark harness, so that it cannot rot (not a timed test)."""

from __future__ import annotations

import pytest

from benchmarks.run import Settings, markdown, run

pytestmark = pytest.mark.browser


def test_the_harness_measures_both_apps_side_by_side() -> None:
    settings = Settings(loads=1, clicks=2, toggles=2, load_seconds=0.5, concurrency=2,
                        big_layer=300)  # fmt: skip
    rows = run(settings)
    measured = {row.measure: row for row in rows}
    bytes_row = measured["bytes transferred, cold first load"]
    assert bytes_row.ours > 0.1 and bytes_row.base > 0.1  # MB: both pages were really loaded
    for row in rows:
        if row.target not in ("report", "0") and "toggle" not in row.measure:
            assert row.ours is not None and row.base is not None, row.measure
            assert row.ours >= 0 and row.base > 0, row.measure
    assert measured["errors during the load runs"].ours == 0
    table = markdown(rows, settings)
    assert table.count("\n|") == len(rows) + 2  # header and rule, then one row per measure
