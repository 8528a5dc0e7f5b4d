"""Each kind of fault in the geodata is caught and named: file, feature, field, reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from layers import GeodataError, load_catalog

Mutation = Callable[[dict[str, Any]], None]


def _props(doc: dict[str, Any], n: int = 0) -> dict[str, Any]:
    return doc["features"][n]["properties"]


def _edit(root: Path, name: str, mutate: Mutation) -> None:
    path = root / name
    doc = json.loads(path.read_text())
    mutate(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False))


def _problems(root: Path) -> list[str]:
    with pytest.raises(GeodataError) as caught:
        load_catalog(root)
    return [str(p) for p in caught.value.problems]


def test_the_valid_fixture_loads(fixture_geodata: Path) -> None:
    catalog = load_catalog(fixture_geodata)
    assert sorted(catalog.layers) == sorted(
        ["us_bases", "okinawa_facilities", "southwest_islands", "disputed_islands"]
    )
    assert catalog.feature("fixture-kadena")["fac_code"] == "FAC 6037"


def test_malformed_json_names_the_file(fixture_geodata: Path) -> None:
    (fixture_geodata / "us_bases.geojson").write_text('{"type": "FeatureCollection", "features": [')
    (problem,) = _problems(fixture_geodata)
    assert problem.startswith("us_bases.geojson: malformed JSON")


def test_missing_file_is_reported(fixture_geodata: Path) -> None:
    (fixture_geodata / "southwest_islands.geojson").unlink()
    assert "southwest_islands.geojson: file not found" in _problems(fixture_geodata)


def test_a_non_feature_collection_is_refused(fixture_geodata: Path) -> None:
    (fixture_geodata / "okinawa_facilities.geojson").write_text('{"type": "Feature"}')
    assert _problems(fixture_geodata) == [
        "okinawa_facilities.geojson: must be a GeoJSON FeatureCollection"
    ]


CASES: list[tuple[str, str, Mutation, str]] = [
    (
        "missing field",
        "okinawa_facilities.geojson",
        lambda d: _props(d).pop("position_basis"),
        "feature 'fixture-kadena': field 'position_basis': missing",
    ),
    (
        "unknown field",
        "okinawa_facilities.geojson",
        lambda d: _props(d).update(colour="red"),
        "feature 'fixture-kadena': field 'colour': unknown field",
    ),
    (
        "unknown value",
        "okinawa_facilities.geojson",
        lambda d: _props(d).update(kind="castle"),
        "field 'kind': must be one of",
    ),
    (
        "wrong operator for the layer",
        "southwest_islands.geojson",
        lambda d: _props(d).update(operator="US Navy"),
        "feature 'fixture-yonaguni': field 'operator': must be one of",
    ),
    (
        "name_ja without Japanese script",
        "us_bases.geojson",
        lambda d: _props(d).update(name_ja="Yokota"),
        "feature 'fixture-yokota': field 'name_ja': must contain Japanese script",
    ),
    (
        "source that does not resolve",
        "okinawa_facilities.geojson",
        lambda d: _props(d, 1).update(sources=["airportsdata", "nowhere"]),
        "feature 'fixture-futenma': field 'sources': source 'nowhere' is not in sources.json",
    ),
    (
        "no source at all",
        "okinawa_facilities.geojson",
        lambda d: _props(d, 1).update(sources=[]),
        "feature 'fixture-futenma': field 'sources': must cite at least one source",
    ),
    (
        "swapped coordinates",
        "okinawa_facilities.geojson",
        lambda d: d["features"][0]["geometry"].update(coordinates=[26.3556, 127.768]),
        "looks like lat/lon swapped",
    ),
    (
        "outside the region",
        "us_bases.geojson",
        lambda d: d["features"][0]["geometry"].update(coordinates=[-0.1276, 51.5072]),
        "feature 'fixture-yokota': field 'geometry': position -0.1276, 51.5072 is outside",
    ),
    (
        "too many decimals",
        "us_bases.geojson",
        lambda d: d["features"][0]["geometry"].update(coordinates=[139.348012345, 35.7485]),
        "has more than 5 decimals",
    ),
    (
        "invalid polygon",
        "disputed_islands.geojson",
        lambda d: d["features"][0]["geometry"].update(
            coordinates=[
                [
                    [123.46, 25.74],
                    [123.49, 25.75],
                    [123.49, 25.74],
                    [123.46, 25.75],
                    [123.46, 25.74],
                ]
            ]
        ),
        "feature 'fixture-island': field 'geometry': invalid geometry: Self-intersection",
    ),
    (
        "empty geometry",
        "disputed_islands.geojson",
        lambda d: d["features"][0]["geometry"].update(type="MultiPolygon", coordinates=[]),
        "feature 'fixture-island': field 'geometry': empty geometry",
    ),
    (
        "missing geometry",
        "us_bases.geojson",
        lambda d: d["features"][0].update(geometry=None),
        "feature 'fixture-yokota': field 'geometry': missing geometry",
    ),
    (
        "line geometry",
        "us_bases.geojson",
        lambda d: d["features"][0].update(
            geometry={"type": "LineString", "coordinates": [[139.3, 35.7], [139.4, 35.8]]}
        ),
        "geometry type must be one of",
    ),
    (
        "malformed position",
        "us_bases.geojson",
        lambda d: d["features"][0]["geometry"].update(coordinates=["139.3", 35.7]),
        "malformed position",
    ),
    (
        "position source not among the sources",
        "okinawa_facilities.geojson",
        lambda d: _props(d, 1).update(position_source="elsewhere"),
        "feature 'fixture-futenma': field 'position_source': must be one of the feature's sources",
    ),
    (
        "malformed FAC code",
        "us_bases.geojson",
        lambda d: _props(d).update(fac_code="6037"),
        "feature 'fixture-yokota': field 'fac_code': must look like 'FAC 6037'",
    ),
    (
        "area without date",
        "okinawa_facilities.geojson",
        lambda d: _props(d).pop("area_as_of"),
        "field 'area_as_of': an area needs the date it is valid for",
    ),
    (
        "returned without year",
        "okinawa_facilities.geojson",
        lambda d: _props(d).update(status="returned"),
        "field 'returned': a returned feature needs the year",
    ),
    (
        "claimant without a name",
        "disputed_islands.geojson",
        lambda d: _props(d)["names"].pop("Taiwan"),
        "feature 'fixture-island': field 'names': no name given for Taiwan",
    ),
    (
        "a position in Japanese missing",
        "disputed_islands.geojson",
        lambda d: _props(d)["claims_ja"].pop("China"),
        "feature 'fixture-island': field 'claims_ja': must give the same parties' positions",
    ),
    (
        "a position in Japanese that is not in Japanese",
        "disputed_islands.geojson",
        lambda d: _props(d)["claims_ja"].update(Taiwan="Taiwan's fixture position."),
        "field 'claims_ja': 'Taiwan': must be a known party with a sentence in Japanese script",
    ),
    (
        "administrator also listed as claimant",
        "disputed_islands.geojson",
        lambda d: _props(d).update(claimed_by=["China", "Japan"]),
        "field 'claimed_by': must not repeat the administering party",
    ),
    (
        "a feature that is not a Feature",
        "us_bases.geojson",
        lambda d: d["features"].append({"type": "Point", "coordinates": [139.0, 35.0]}),
        "us_bases.geojson: item 1 is not a GeoJSON Feature",
    ),
    (
        "duplicate id across layers",
        "us_bases.geojson",
        lambda d: _props(d).update(id="fixture-kadena"),
        "feature 'fixture-kadena': field 'id': duplicate id",
    ),
    (
        "bad slug",
        "us_bases.geojson",
        lambda d: _props(d).update(id="Yokota AB"),
        "field 'id': must be a lowercase slug",
    ),
]


@pytest.mark.parametrize(("case", "file", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_fault_is_caught(
    fixture_geodata: Path, case: str, file: str, mutate: Mutation, expected: str
) -> None:
    _edit(fixture_geodata, file, mutate)
    problems = _problems(fixture_geodata)
    assert any(expected in p for p in problems), problems
    assert all(p.split(":")[0].endswith((".geojson", ".json")) for p in problems)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda s: s["airportsdata"].pop("url"), "field 'url': missing"),
        (lambda s: s["airportsdata"].update(url="javascript:alert(1)"), "must be an http(s) URL"),
        (lambda s: s["airportsdata"].update(accessed="yesterday"), "must be an ISO date"),
    ],
)
def test_bad_sources_are_caught(fixture_geodata: Path, mutate: Mutation, expected: str) -> None:
    _edit(fixture_geodata, "sources.json", mutate)
    assert any(expected in p and p.startswith("sources.json") for p in _problems(fixture_geodata))


def test_every_problem_is_reported_not_just_the_first(fixture_geodata: Path) -> None:
    _edit(fixture_geodata, "us_bases.geojson", lambda d: _props(d).update(kind="castle"))
    _edit(fixture_geodata, "okinawa_facilities.geojson", lambda d: _props(d).pop("name_en"))
    problems = _problems(fixture_geodata)
    assert len(problems) == 2


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda t: t["exclusive_use"].pop("count"), "field 'count': missing"),
        (
            lambda t: t["exclusive_use"]["area_by_prefecture_thousand_m2"].update(Okinawa=1),
            "prefecture areas do not add up to the total",
        ),
        (lambda t: t["exclusive_use"].update(sources=["nowhere"]), "source 'nowhere' is not in"),
    ],
)
def test_bad_official_totals_are_caught(
    fixture_geodata: Path, mutate: Mutation, expected: str
) -> None:
    _edit(fixture_geodata, "official_totals.json", mutate)
    problems = _problems(fixture_geodata)
    assert any(expected in p and p.startswith("official_totals.json") for p in problems), problems


def test_part_of_must_name_an_existing_feature(fixture_geodata: Path) -> None:
    _edit(
        fixture_geodata,
        "okinawa_facilities.geojson",
        lambda d: _props(d, 1).update(part_of="camp-nowhere"),
    )
    problems = _problems(fixture_geodata)
    assert any("field 'part_of': no feature 'camp-nowhere'" in p for p in problems), problems


@pytest.mark.parametrize(
    ("file", "mutate", "expected"),
    [
        ("figures.json", lambda d: d[0].pop("label_en"), "'#0': field 'label_en': missing"),
        ("figures.json", lambda d: d[0].update(sources=["nowhere"]), "source 'nowhere' is not in"),
        ("timeline.json", lambda d: d[0].update(date="March 2016"), "field 'date': must be a year"),
        ("timeline.json", lambda d: d[0].update(place="nowhere"), "'place': no feature 'nowhere'"),
        ("timeline.json", lambda d: d[1].update(title_ja="Reversion"), "'title_ja': must contain"),
    ],
)  # fmt: skip
def test_bad_figures_and_timeline_are_caught(
    fixture_geodata: Path, file: str, mutate: Mutation, expected: str
) -> None:
    _edit(fixture_geodata, file, mutate)
    problems = _problems(fixture_geodata)
    assert any(expected in p for p in problems), problems
