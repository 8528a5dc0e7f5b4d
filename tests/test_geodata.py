"""The project's own geodata: valid, sourced, complete where the issue says, on the basemap."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from layers import Catalog, load_catalog
from layers.stats import exclusive_use_on

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(GEODATA)


@pytest.fixture(scope="module")
def official(catalog: Catalog) -> list[dict]:
    """The exclusive-use facilities in force on the date of the official totals."""
    assert catalog.totals is not None
    return exclusive_use_on(catalog, catalog.totals.as_of)


@pytest.fixture(scope="module")
def readme() -> str:
    """geodata/README.md with its line breaks and runs of spaces folded to single spaces."""
    return " ".join((GEODATA / "README.md").read_text(encoding="utf-8").split())


@cache
def _land() -> tuple[STRtree, list]:
    doc = json.loads((GEODATA / "basemap" / "land.geojson").read_text())
    parts = [p for f in doc["features"] for p in shapely.get_parts(shape(f["geometry"]))]
    return STRtree(parts), parts


def metres_to_land(lon: float, lat: float) -> float:
    tree, parts = _land()
    point = Point(lon, lat)
    poly = parts[tree.query_nearest(point)[0]]
    if poly.covers(point):
        return 0.0
    near = shapely.ops.nearest_points(poly.exterior, point)[0]
    return GEOD.inv(lon, lat, near.x, near.y)[2]


def _ids(catalog: Catalog, layer: str) -> set[str]:
    return set(catalog.layers[layer].frame.index)


def test_every_text_a_panel_shows_is_there_in_both_languages(catalog: Catalog) -> None:
    """The Japanese page shows no English paragraph where the data could give Japanese."""
    for feature in catalog.features():
        for en, ja in (("summary_en", "summary_ja"), ("significance", "significance_ja"),
                       ("us_position", "us_position_ja"), ("claims", "claims_ja"),
                       ("position_basis", "position_basis_ja"),
                       ("municipality", "municipality_ja")):  # fmt: skip
            assert bool(feature.get(en)) == bool(feature.get(ja)), (feature["id"], en)
    assert all(f.get("significance_ja") for f in catalog.features())


def test_every_feature_cites_resolvable_sources(catalog: Catalog) -> None:
    for layer in catalog.layers.values():
        for fid, row in layer.frame.iterrows():
            assert row["sources"], fid
            assert all(s in catalog.sources for s in row["sources"]), fid
            assert row["position_source"] in row["sources"], fid


def test_sources_json_lists_only_well_formed_sources(catalog: Catalog) -> None:
    for sid, source in catalog.sources.items():
        assert source["url"].startswith(("https://", "http://")), sid
        assert source["publisher"].strip() and source["title"].strip(), sid


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        (
            "okinawa_facilities",
            {"kadena-air-base", "mcas-futenma", "camp-hansen", "ie-shima-auxiliary-airfield",
             "kobi-sho-range", "sekibi-sho-range", "torii-station", "white-beach-area"},
        ),
        (
            "us_bases",
            {"yokota-air-base", "fleet-activities-yokosuka", "camp-zama", "misawa-air-base",
             "mcas-iwakuni", "naval-air-facility-atsugi", "kyogamisaki-communication-site",
             "shariki-communication-site", "iwo-jima-communication-site"},
        ),
        (
            "southwest_islands",
            {"jgsdf-camp-yonaguni", "jgsdf-camp-miyakojima",
             "jgsdf-camp-amami", "jgsdf-camp-setouchi", "jasdf-naha-air-base",
             "mageshima-sdf-base"},
        ),
        (
            "disputed_islands",
            {"uotsuri-jima", "kuba-jima", "taisho-jima", "kita-kojima", "minami-kojima",
             "takeshima-nishijima", "takeshima-higashijima", "etorofu", "kunashiri", "shikotan",
             "habomai-suisho", "okinotorishima"},
        ),
    ],
)  # fmt: skip
def test_the_places_the_story_needs_are_there(catalog: Catalog, layer: str, expected: set) -> None:
    assert expected <= _ids(catalog, layer), expected - _ids(catalog, layer)


def test_okinawa_facilities_are_in_okinawa_and_the_rest_are_not(catalog: Catalog) -> None:
    okinawa = catalog.layers["okinawa_facilities"].frame
    assert (okinawa["prefecture"] == "Okinawa").all()
    assert okinawa.geometry.y.between(24.0, 27.9).all()
    others = catalog.layers["us_bases"].frame
    assert not (others["prefecture"] == "Okinawa").any()


def test_every_okinawa_exclusive_facility_has_its_fac_code(catalog: Catalog) -> None:
    frame = catalog.layers["okinawa_facilities"].frame
    exclusive = frame[frame["use"] == "exclusive"]
    assert exclusive["fac_code"].notna().all(), list(exclusive.index[exclusive["fac_code"].isna()])
    whole = exclusive[exclusive["part_of"].isna()]  # returned parts share their parent's code
    assert whole["fac_code"].is_unique


def test_okinawa_has_the_31_exclusive_use_facilities_of_the_official_list(
    catalog: Catalog, official: list[dict]
) -> None:
    totals = catalog.totals
    assert totals is not None
    okinawa = [f for f in official if f["prefecture"] == "Okinawa"]
    assert len(okinawa) == totals.okinawa_count == 31
    assert len({f["fac_code"] for f in okinawa}) == 31


def test_the_data_counts_the_official_total_of_exclusive_use_facilities(
    catalog: Catalog, official: list[dict]
) -> None:
    totals = catalog.totals
    assert totals is not None and totals.count == 78
    assert len(official) == totals.count
    codes = [f["fac_code"] for f in official if f.get("fac_code")]
    assert len(codes) == len(set(codes))  # no facility twice


def test_returned_parts_belong_to_a_facility_of_the_same_code(catalog: Catalog) -> None:
    parts = [f for f in catalog.features() if f.get("part_of")]
    assert parts
    for part in parts:
        parent = catalog.feature(part["part_of"])
        assert parent is not None and parent.get("fac_code") == part.get("fac_code"), part["id"]
        assert part["status"] == "returned" and part["returned"], part["id"]


def test_disputed_islands_name_every_claimant_side_by_side(catalog: Catalog) -> None:
    frame = catalog.layers["disputed_islands"].frame
    for fid, row in frame.iterrows():
        parties = {row["administered_by"], *row["claimed_by"]}
        assert parties <= set(row["names"]), fid
        assert parties <= set(row["claims"]), fid
    senkaku = frame.loc["uotsuri-jima"]
    assert senkaku["administered_by"] == "Japan"
    assert set(senkaku["claimed_by"]) == {"China", "Taiwan"}
    assert frame.loc["takeshima-nishijima", "administered_by"] == "South Korea"
    assert frame.loc["etorofu", "administered_by"] == "Russia"


# Islands the basemap must show where they are. Positions: the disputed-islands layer (each cited
# there), Yonaguni and Hateruma airports (airportsdata ROYN, RORH).
ISLANDS = {
    "Uotsuri": "uotsuri-jima",
    "Kuba": "kuba-jima",
    "Taisho": "taisho-jima",
    "Takeshima (west)": "takeshima-nishijima",
    "Takeshima (east)": "takeshima-higashijima",
    "Okinotorishima": "okinotorishima",
    "Shikotan": "shikotan",
}


@pytest.mark.parametrize("name", sorted(ISLANDS))
def test_basemap_shows_each_island_where_it_is(catalog: Catalog, name: str) -> None:
    feature = catalog.feature(ISLANDS[name])
    assert metres_to_land(feature["lon"], feature["lat"]) < 300


@pytest.mark.parametrize(("name", "lon", "lat"), [("Yonaguni", 122.978, 24.4669),
                                                   ("Hateruma", 123.7720, 24.0589)])  # fmt: skip
def test_basemap_shows_the_southernmost_inhabited_islands(
    name: str, lon: float, lat: float
) -> None:
    assert metres_to_land(lon, lat) == 0.0, name


def test_open_sea_is_not_land() -> None:
    assert metres_to_land(135.0, 30.0) > 100_000


def test_facilities_on_land_lie_on_the_basemap(catalog: Catalog) -> None:
    far = {}
    for layer in ("okinawa_facilities", "us_bases", "southwest_islands"):
        for fid in catalog.layers[layer].frame.index:
            feature = catalog.feature(fid)
            distance = metres_to_land(feature["lon"], feature["lat"])
            if distance > 1000:  # ports and piers sit on the shore; 300 m simplification
                far[fid] = round(distance)
    assert far == {}


def test_basemap_stays_within_its_size_budget() -> None:
    assert (GEODATA / "basemap" / "land.geojson").stat().st_size < 1_250_000
    assert (GEODATA / "basemap" / "borders.geojson").stat().st_size < 60_000
    assert (GEODATA / "basemap" / "land-coarse.geojson").stat().st_size < 400_000


def test_official_totals_give_okinawas_share(catalog: Catalog) -> None:
    totals = catalog.totals
    assert totals is not None and totals.as_of == "2020-01-01"
    assert (totals.count, totals.okinawa_count) == (78, 31)
    assert round(totals.okinawa_share, 1) == 70.3


COUNT_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
               "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
               "Eighteen", "Nineteen", "Twenty")  # fmt: skip


def assert_readme_lists(catalog: Catalog, readme: str, fids: set[str], counted: str) -> None:
    """geodata/README.md gives how many (in words, before `counted`) and names each place."""
    assert f"{COUNT_WORDS[len(fids)]} {counted}" in readme
    for fid in fids:
        words = catalog.feature(fid)["name_en"].split()
        assert words[words[0] == "Camp"] in readme, fid  # the place, e.g. "Fuji" of Camp Fuji


# Facilities whose first U.S. use no source read so far dates (geodata/README.md lists them).
# Shrink this set as dates are found; a facility joins it only when geodata/README.md names it.
UNDATED = {"hachinohe-pol-depot", "kawakami-ammunition-depot", "akizuki-ammunition-depot",
           "kure-pier-6", "yokose-pol-depot",
           "soo-communication-site", "haigamine-communication-site"}  # fmt: skip


def test_every_facility_in_use_has_its_opening_date(catalog: Catalog) -> None:
    """Islands have no opening; planned and unfinished bases are shown only in the present."""
    undated = set()
    for feature in catalog.features():
        if feature["kind"] == "island" or feature["status"] in ("planned", "under_construction"):
            continue
        if not feature.get("opened"):
            undated.add(feature["id"])
        if feature["status"] == "returned":
            assert feature.get("returned"), feature["id"]
            assert (feature.get("opened") or "") <= feature["returned"], feature["id"]
    assert undated == UNDATED


def test_the_geodata_readme_names_every_undated_facility_and_unnamed_service(
    catalog: Catalog, readme: str
) -> None:
    unnamed = {f["id"] for f in catalog.features() if f.get("operator") == "US forces"}
    assert unnamed == {"camp-asaka", "haigamine-communication-site"}
    assert_readme_lists(catalog, readme, UNDATED, "facilities have no")
    for fid in unnamed:
        assert catalog.feature(fid)["name_en"] in readme, fid


# Facilities of the official list (all outside Okinawa) whose FAC number no source read so far
# states (geodata/README.md names them). Shrink this set as numbers are found.
UNCODED = {"misawa-air-to-ground-range", "hachinohe-pol-depot", "shariki-communication-site",
           "camp-zama", "sagamihara-housing-area", "urago-ammunition-depot",
           "kisarazu-auxiliary-landing-field", "kawakami-ammunition-depot",
           "akizuki-ammunition-depot", "kure-pier-6", "haigamine-communication-site",
           "itazuke-airfield", "soo-communication-site"}  # fmt: skip


def test_every_official_facility_has_its_fac_code_or_is_named_as_uncoded(
    catalog: Catalog, official: list[dict], readme: str
) -> None:
    uncoded = {f["id"] for f in official if not f.get("fac_code")}
    assert uncoded == UNCODED
    assert not {f["prefecture"] for f in official if f["id"] in uncoded} & {"Okinawa"}
    assert_readme_lists(catalog, readme, UNCODED, "facilities outside Okinawa")


# Facilities of the official list with no dated area in any source read so far
# (geodata/README.md names them). Shrink this set as areas are found.
UNMEASURED = {"shariki-communication-site", "camp-asaka", "numazu-training-area",
              "akizuki-ammunition-depot", "hiro-ammunition-depot",
              "haigamine-communication-site", "camp-mctureous", "tengan-pier",
              "kobi-sho-range", "sekibi-sho-range", "kume-jima-range"}  # fmt: skip


def test_every_official_facility_has_a_dated_area_or_is_named_as_unmeasured(
    catalog: Catalog, official: list[dict], readme: str
) -> None:
    unmeasured = {f["id"] for f in official if f.get("area_km2") is None}
    assert unmeasured == UNMEASURED
    assert all(f["area_km2"] > 0 and f["area_as_of"] for f in official if f["id"] not in unmeasured)
    assert_readme_lists(catalog, readme, UNMEASURED, "of the 78 have no area")
