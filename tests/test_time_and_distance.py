"""Geodesic distances and rings, the year filter, and the time and distance tools in a browser."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from pyproj import CRS, Transformer
from selenium.webdriver.support.ui import WebDriverWait
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, transform

from dashboard import ids
from dashboard.app import create_app
from dashboard.figures import map_figure
from dashboard.selection import counts, in_year
from dashboard.state import (
    ASSUMED_MAP_PX,
    RING_CHOICES,
    SELECT_ZOOM,
    TILE_PX,
    default_state,
    from_query,
    ring_zoom,
    to_query,
)
from layers import load_catalog
from layers.geodesy import distance_km, great_circle, ring
from layers.reference import check_references, coast_km
from tests.browser import (
    MAP_JS,
    center,
    click_lonlat,
    jump_to,
    settled_bounds,
    trace_ids,
    wait_for_map,
)
from tests.conftest import ROOT

CATALOG = load_catalog(ROOT / "geodata")


def _ref_km(feature_id: str, ref_id: str) -> float:
    return {r.id: km for r, km in CATALOG.distances(feature_id)}[ref_id]


def test_yonaguni_is_about_110_km_from_taiwan() -> None:
    assert 100 <= _ref_km("jgsdf-camp-yonaguni", "taiwan-coast") <= 120


def test_naha_is_about_1550_km_from_tokyo() -> None:
    assert 1500 <= _ref_km("jasdf-naha-air-base", "tokyo") <= 1600


def test_known_distance_between_two_points() -> None:
    # Tokyo Haneda to Naha airport (airportsdata): published great-circle distance ~1,555 km
    assert distance_km(139.78, 35.5523, 127.646, 26.1958) == pytest.approx(1555, rel=0.01)


@pytest.mark.parametrize("radius", [100, 500, 1000])
def test_every_point_of_a_ring_is_at_its_radius(radius: int) -> None:
    lons, lats = ring(127.768, 26.3556, radius)
    assert len(lons) > 100 and (lons[0], lats[0]) == pytest.approx((lons[-1], lats[-1]))
    for lon, lat in zip(lons, lats, strict=True):
        assert distance_km(127.768, 26.3556, lon, lat) == pytest.approx(radius, rel=0.001)


def test_great_circle_joins_its_ends_along_the_geodesic() -> None:
    lons, lats = great_circle(123.0, 24.45, 139.78, 35.55)
    assert (lons[0], lats[0], lons[-1], lats[-1]) == (123.0, 24.45, 139.78, 35.55)
    legs = sum(
        distance_km(lons[i], lats[i], lons[i + 1], lats[i + 1]) for i in range(len(lons) - 1)
    )
    assert legs == pytest.approx(distance_km(123.0, 24.45, 139.78, 35.55), rel=1e-4)


def _nearest_km(lon: float, lat: float, shape: BaseGeometry) -> float:
    """An independent measure: the nearest point found in a plane centred on the point itself
    (where distances from the centre are true), then measured on the ellipsoid."""
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    forward = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    backward = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    near = nearest_points(transform(forward.transform, shape), Point(0, 0))[0]
    return distance_km(lon, lat, *backward.transform(near.x, near.y))


def test_the_distance_to_a_coast_is_to_its_nearest_point() -> None:
    square = box(127.0, 26.0, 128.0, 27.0)
    lons, lats = np.array([129.0, 127.5, 128.0]), np.array([26.5, 26.5, 26.5])
    km = coast_km(square, lons, lats)
    assert km[0] == pytest.approx(distance_km(129.0, 26.5, 128.0, 26.5), rel=0.001)
    assert km[1] == pytest.approx(distance_km(127.5, 26.5, 127.0, 26.5), rel=0.001)  # an edge
    assert km[2] == pytest.approx(0.0, abs=0.01)  # on the edge (a straight chord in the plane)


def test_distances_to_the_coasts_agree_with_a_plane_centred_on_each_place() -> None:
    raw = json.loads((ROOT / "geodata" / "reference_points.json").read_text())
    shapes, _ = check_references(
        raw, CATALOG.sources, CATALOG._features, ROOT / "geodata" / "basemap"
    )
    coasts = [(n, ref.shape) for n, ref in enumerate(shapes) if ref.shape.geom_type != "Point"]
    assert len(coasts) >= 2
    for feature in CATALOG.features()[::3]:
        measured = CATALOG.distances(feature["id"])
        for n, shape in coasts:
            expected = _nearest_km(feature["lon"], feature["lat"], shape)
            assert measured[n][1] == pytest.approx(expected, rel=1e-6, abs=1e-3), feature["id"]
    rng = np.random.default_rng(7)  # and places anywhere in the region
    lons, lats = rng.uniform(120, 150, 40).round(5), rng.uniform(20, 46, 40).round(5)
    for _, shape in coasts:
        expected = [_nearest_km(lon, lat, shape) for lon, lat in zip(lons, lats, strict=True)]
        assert coast_km(shape, lons, lats) == pytest.approx(expected, rel=1e-6)


def _expected_counts(year: int) -> dict[str, int]:
    """An independent count: opened on or before the year, not yet returned; islands always."""
    out = {}
    for layer_id in CATALOG.layers:
        n = 0
        for f in CATALOG.features(layer_id):
            if f["kind"] == "island":
                n += 1
                continue
            if f["status"] in ("planned", "under_construction"):
                continue
            opened = int(f["opened"][:4]) if f.get("opened") else None
            returned = int(f["returned"][:4]) if f.get("returned") else None
            n += (opened is None or opened <= year) and (returned is None or returned > year)
        out[layer_id] = n
    return out


@pytest.mark.parametrize("year", [1972, 2006, 2016, 2023])
def test_year_counts_follow_the_data(year: int) -> None:
    state = default_state(CATALOG).with_(year=year)
    assert counts(CATALOG, state) == _expected_counts(year)


def test_camp_yonaguni_appears_in_2016_and_sakibe_leaves_in_2021() -> None:
    yonaguni, sakibe = CATALOG.feature("jgsdf-camp-yonaguni"), CATALOG.feature("sakibe-navy-annex")
    assert not in_year(yonaguni, 2015) and in_year(yonaguni, 2016)
    assert in_year(sakibe, 2020) and not in_year(sakibe, 2021)
    assert in_year(CATALOG.feature("uotsuri-jima"), 1946)
    assert not in_year(CATALOG.feature("mageshima-sdf-base"), 2024)
    assert in_year(CATALOG.feature("mageshima-sdf-base"), None)


def test_land_returned_after_reversion_is_on_the_map_until_its_return() -> None:
    """Reversion-era facilities returned later count in 1972 and leave in their return year."""
    for fid, returned in [("camp-hague", 1977), ("kadena-housing-area", 1977),
                          ("tengan-communication-site", 1983), ("onna-communication-site", 1995),
                          ("aha-training-area", 1998)]:  # fmt: skip
        feature = CATALOG.feature(fid)
        assert feature["status"] == "returned" and feature["fac_code"], fid
        assert in_year(feature, 1972) and in_year(feature, returned - 1), fid
        assert not in_year(feature, returned), fid


def test_bases_returned_outside_okinawa_follow_their_years() -> None:
    """Kamiseya counts from its second seizure in 1951, not its first in 1945 (released 1947)."""
    for fid, first, returned in [("tachikawa-air-base", 1945, 1977),
                                 ("johnson-air-base", 1945, 1978),
                                 ("washington-heights", 1945, 1963),
                                 ("itazuke-air-base", 1945, 1972),
                                 ("grant-heights", 1947, 1973),
                                 ("fukaya-communication-site", 1945, 2014),
                                 ("kashiwa-communication-station", 1950, 1979),
                                 ("kamiseya-communication-station", 1951, 2015)]:  # fmt: skip
        feature = CATALOG.feature(fid)
        assert CATALOG.layer_of(fid).id == "us_bases" and feature["status"] == "returned", fid
        assert not in_year(feature, first - 1) and in_year(feature, first), fid
        assert in_year(feature, returned - 1) and not in_year(feature, returned), fid


def test_year_rings_and_measure_join_the_url() -> None:
    query = "?year=2016&rings=500,100,7&measure=kadena-air-base,uotsuri-jima&select=kadena-air-base"
    state = from_query(query, CATALOG)
    assert (state.year, state.rings, state.measure) == (
        2016, (100, 500), ("kadena-air-base", "uotsuri-jima"))  # fmt: skip
    assert from_query(to_query(state, CATALOG), CATALOG) == state
    for bad in ("?year=1900", "?year=3000", "?year=20x6", "?measure=kadena-air-base",
                "?measure=a,b", "?rings=<b>"):  # fmt: skip
        assert from_query(bad, CATALOG) == default_state(CATALOG)


def _map_bounds(lat: float, lon: float, zoom: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a map of ASSUMED_MAP_PX centred on a point (Web Mercator)."""
    world = TILE_PX * 2**zoom
    half_w, half_h = (px / 2 / world for px in ASSUMED_MAP_PX)
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / (2 * np.pi)

    def to_lat(v: float) -> float:
        return float(np.degrees(2 * np.arctan(np.exp(v * 2 * np.pi)) - np.pi / 2))

    return lon - half_w * 360, to_lat(y - half_h), lon + half_w * 360, to_lat(y + half_h)


@pytest.mark.parametrize("fid", ["jgsdf-camp-yonaguni", "uotsuri-jima", "misawa-air-base"])
@pytest.mark.parametrize("radius", RING_CHOICES)
def test_the_zoom_for_a_ring_shows_all_of_it_and_not_much_more(fid: str, radius: int) -> None:
    place = CATALOG.feature(fid)
    zoom = ring_zoom(place["lat"], radius, SELECT_ZOOM)
    lons, lats = ring(place["lon"], place["lat"], radius)
    west, south, east, north = _map_bounds(place["lat"], place["lon"], zoom)
    assert west < min(lons) and max(lons) < east and south < min(lats) and max(lats) < north
    west, south, east, north = _map_bounds(place["lat"], place["lon"], zoom + 0.5)
    assert not (west < min(lons) and max(lons) < east and south < min(lats) and max(lats) < north)
    # the map's own bounds give the same answer as its size in pixels
    assert ring_zoom(place["lat"], radius, 6.0, _map_bounds(place["lat"], place["lon"], 6.0)) == (
        pytest.approx(zoom, abs=0.02)
    )


def test_a_link_to_a_place_with_rings_opens_with_its_widest_ring_in_view() -> None:
    yonaguni = CATALOG.feature("jgsdf-camp-yonaguni")
    plain = from_query("?select=jgsdf-camp-yonaguni", CATALOG).view
    assert (plain.lat, plain.lon, plain.zoom) == (yonaguni["lat"], yonaguni["lon"], SELECT_ZOOM)
    ringed = from_query("?select=jgsdf-camp-yonaguni&rings=100,500", CATALOG).view
    assert ringed.zoom == ring_zoom(yonaguni["lat"], 500, SELECT_ZOOM) < SELECT_ZOOM
    assert (ringed.lat, ringed.lon) == (yonaguni["lat"], yonaguni["lon"])
    given = from_query("?select=jgsdf-camp-yonaguni&rings=500&view=26,127,10", CATALOG).view
    assert given.zoom == 10  # a view in the link stands


def test_rings_and_measure_line_in_the_figure() -> None:
    state = from_query("?select=kadena-air-base&rings=100,500&measure=kadena-air-base,uotsuri-jima",
                       CATALOG)  # fmt: skip
    fig = map_figure(CATALOG, state)
    names = {t.uid: t.name for t in fig.data}
    assert names["ring-100"] == "100 km" and names["ring-500"] == "500 km"
    kadena, uotsuri = CATALOG.feature("kadena-air-base"), CATALOG.feature("uotsuri-jima")
    km = distance_km(kadena["lon"], kadena["lat"], uotsuri["lon"], uotsuri["lat"])
    assert names["measure"] == f"{km:,.0f} km"


def test_each_panel_lists_distances_to_the_reference_places() -> None:
    from dash import html

    from dashboard.panels import side_panel

    text = str(html.Div(side_panel(CATALOG, "jgsdf-camp-yonaguni", "en")))
    for name in ("Taiwan (nearest coast)", "Chinese mainland", "Uotsuri-jima", "Tokyo", "Guam"):
        assert name in text


@pytest.mark.browser
def test_the_year_in_the_url_hides_and_shows_camp_yonaguni(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    for year, present in (("2015", False), ("2016", True)):
        dash_duo.driver.get(f"{dash_duo.server_url}/?year={year}")
        wait_for_map(dash_duo.driver)
        on_map = trace_ids(dash_duo.driver)["southwest_islands"]
        assert ("jgsdf-camp-yonaguni" in on_map) is present, year
        dash_duo.wait_for_contains_text(f"#{ids.YEAR_INFO}", year)
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def _open_distances(page) -> None:  # type: ignore[no-untyped-def]
    summary = page.find_element(f"#{ids.SECTION_PREFIX}distances")
    summary.click()
    WebDriverWait(page.driver, 5).until(
        lambda d: summary.find_element("xpath", "..").get_attribute("open") is not None
    )


@pytest.mark.browser
def test_rings_appear_around_the_selected_place(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?select=jgsdf-camp-yonaguni")
    wait_for_map(dash_duo.driver)
    _open_distances(dash_duo)
    dash_duo.find_element(f"#{ids.RINGS} input[value='500']").click()
    uids = "return document.querySelector('#map .js-plotly-plot').data.map(t => t.uid);"
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "ring-500" in d.execute_script(uids))
    assert "rings=500" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


RING_JS = MAP_JS + "var t = gd.data.find(t => t.uid === arguments[0]); return t && [t.lon, t.lat];"


def _ring_in_view(driver, uid: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the ring trace `uid` is drawn and lies wholly inside the settled map."""
    drawn = driver.execute_script(RING_JS, uid)
    if not drawn:
        return False
    west, south, east, north = settled_bounds(driver)
    inside_x = west < min(drawn[0]) and max(drawn[0]) < east
    return inside_x and south < min(drawn[1]) and max(drawn[1]) < north


@pytest.mark.browser
def test_a_link_with_rings_shows_the_whole_ring_even_on_a_phone(dash_duo, outside_requests) -> None:
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?select=jgsdf-camp-yonaguni&rings=100")
    wait_for_map(dash_duo.driver)
    WebDriverWait(dash_duo.driver, 20).until(lambda d: _ring_in_view(d, "ring-100"))
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_a_ring_switched_on_around_a_close_view_comes_into_view(dash_duo, outside_requests) -> None:
    """Seen at zoom 9, a 100 km ring is far outside the map: it zooms out to show all of it,
    and the address keeps that view; a search for another place keeps its ring in view too."""
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(f"{dash_duo.server_url}/?select=jgsdf-camp-yonaguni")
    wait_for_map(dash_duo.driver)
    assert center(dash_duo.driver)[2] == pytest.approx(SELECT_ZOOM, abs=0.01)
    _open_distances(dash_duo)
    dash_duo.find_element(f"#{ids.RINGS} input[value='100']").click()
    WebDriverWait(dash_duo.driver, 20).until(lambda d: _ring_in_view(d, "ring-100"))
    zoom = center(dash_duo.driver)[2]
    assert zoom < SELECT_ZOOM - 1

    def view_in_url(d) -> float | None:  # type: ignore[no-untyped-def]
        query = parse_qs(urlparse(d.current_url).query)
        return float(query["view"][0].split(",")[2]) if "view" in query else None

    WebDriverWait(dash_duo.driver, 10).until(lambda d: view_in_url(d) == pytest.approx(zoom, 0.01))
    assert "rings=100" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


@pytest.mark.browser
def test_measure_mode_shows_a_distance(dash_duo, outside_requests) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(dash_duo.server_url)
    wait_for_map(dash_duo.driver)
    _open_distances(dash_duo)
    dash_duo.find_element(f"#{ids.MEASURE_MODE} input").click()
    kadena, futenma = CATALOG.feature("kadena-air-base"), CATALOG.feature("mcas-futenma")
    jump_to(dash_duo.driver, 127.76, 26.31, 11)
    click_lonlat(dash_duo.driver, kadena["lon"], kadena["lat"])
    dash_duo.wait_for_contains_text(f"#{ids.MEASURE_RESULT}", "Click two places")
    click_lonlat(dash_duo.driver, futenma["lon"], futenma["lat"])
    km = distance_km(kadena["lon"], kadena["lat"], futenma["lon"], futenma["lat"])
    dash_duo.wait_for_contains_text(f"#{ids.MEASURE_RESULT}", f"{km:,.1f} km", timeout=10)
    assert "Kadena Air Base" in dash_duo.find_element(f"#{ids.MEASURE_RESULT}").text
    assert dash_duo.get_logs() == []
    assert outside_requests() == []
