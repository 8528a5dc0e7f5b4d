"""Figures computed from the data: which exclusive-use facilities were in force on a day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layers import load_catalog
from layers.stats import exclusive_use_on


def _set(root: Path, fid: str, **props: object) -> None:
    path = root / "okinawa_facilities.geojson"
    doc = json.loads(path.read_text())
    for feature in doc["features"]:
        if feature["properties"]["id"] == fid:
            feature["properties"].update(props)
    path.write_text(json.dumps(doc, ensure_ascii=False))


def _ids(root: Path, day: str) -> set[str]:
    return {f["id"] for f in exclusive_use_on(load_catalog(root), day)}


def test_facilities_in_force_count_from_opening_to_return(fixture_geodata: Path) -> None:
    assert _ids(fixture_geodata, "2020-01-01") == {
        "fixture-kadena",
        "fixture-futenma",
        "fixture-yokota",
    }
    _set(fixture_geodata, "fixture-kadena", status="returned", returned="2019-12-31")
    assert "fixture-kadena" not in _ids(fixture_geodata, "2020-01-01")
    assert "fixture-kadena" in _ids(fixture_geodata, "2019-12-30")


@pytest.mark.parametrize(("opened", "day", "counted"), [
    ("2021", "2020-01-01", False), ("2020", "2020-01-01", True), ("2020-06", "2020-01-01", False),
    ("1945", "1944-12-31", False),
])  # fmt: skip
def test_opening_year_or_date(fixture_geodata: Path, opened: str, day: str, counted: bool) -> None:
    _set(fixture_geodata, "fixture-kadena", opened=opened)
    assert ("fixture-kadena" in _ids(fixture_geodata, day)) is counted


def test_a_returned_part_is_not_a_facility(fixture_geodata: Path) -> None:
    _set(fixture_geodata, "fixture-futenma", part_of="fixture-kadena")
    assert "fixture-futenma" not in _ids(fixture_geodata, "2020-01-01")
