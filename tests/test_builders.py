"""Pure builders of the map figure, panels, charts, state and downloads: no browser needed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from dash import html

from dashboard import text
from dashboard.callbacks import focus_revision
from dashboard.charts import area_by_prefecture, places_by_layer_and_operator
from dashboard.downloads import csv_text, geojson_text
from dashboard.export import standalone_html
from dashboard.figures import map_figure, map_style
from dashboard.layout import search_options
from dashboard.panels import area_text, info_panel, side_panel
from dashboard.selection import counts, shown
from dashboard.state import View, default_state, from_query, to_query
from dashboard.text import position_text
from layers import Catalog, load_catalog, schema
from layers.stats import unsourced_facts
from tests.conftest import ROOT
from tests.test_geodata import UNCODED, UNDATED, UNMEASURED


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "geodata")


def _text(component) -> str:
    """All text inside a Dash component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    children = getattr(component, "children", None)
    return _text(children) if children is not None else ""


def _find(component, kind: type) -> list:
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += _find(child, kind)
    elif children is not None and not isinstance(children, str):
        found += _find(children, kind)
    return found


def test_map_has_one_clickable_trace_per_layer_with_ids(catalog: Catalog) -> None:
    fig = map_figure(catalog, default_state(catalog))
    clickable = {t.uid: t for t in fig.data if t.customdata is not None}
    assert set(clickable) == set(catalog.layers)
    for layer_id, trace in clickable.items():
        ids = [row[0] for row in trace.customdata]
        assert sorted(ids) == sorted(catalog.layers[layer_id].frame.index)  # each place once
        assert isinstance(trace.customdata, tuple | list)  # not a numpy array
    assert fig.layout.map.style["version"] == 8  # the offline style object, not a URL


def test_hidden_layers_stay_invisible_and_filters_leave_the_figure(catalog: Catalog) -> None:
    state = default_state(catalog).with_(layers=("okinawa_facilities",), operators=("US Army",))
    fig = map_figure(catalog, state)
    ids = [
        row[0] for t in fig.data if t.customdata is not None and t.visible for row in t.customdata
    ]
    assert {t.uid for t in fig.data if t.customdata is not None} == set(catalog.layers)  # hidden
    army = set(catalog.layers["okinawa_facilities"].frame.query("operator == 'US Army'").index)
    assert set(ids) == army and army


def test_hover_text_escapes_markup_and_names_kind_and_operator(catalog: Catalog) -> None:
    fig = map_figure(catalog, default_state(catalog))
    trace = next(t for t in fig.data if t.uid == "okinawa_facilities")
    i = [row[0] for row in trace.customdata].index("kadena-air-base")
    assert trace.text[i] == "<b>Kadena Air Base</b><br>Air base<br>U.S. Air Force"


def test_selected_feature_gets_a_highlight(catalog: Catalog) -> None:
    fig = map_figure(catalog, default_state(catalog).with_(select="mcas-futenma"))
    halo = next(t for t in fig.data if t.uid == "selection")
    futenma = catalog.feature("mcas-futenma")
    assert (halo.lon[0], halo.lat[0]) == (futenma["lon"], futenma["lat"])


def test_online_basemaps_are_named_styles_and_offline_is_the_default() -> None:
    assert map_style("streets") == "open-street-map"
    assert isinstance(map_style("offline"), dict)
    assert isinstance(map_style("nonsense"), dict)


def test_counts_follow_the_filters(catalog: Catalog) -> None:
    state = default_state(catalog)
    assert counts(catalog, state) == {
        lid: len(layer.frame) for lid, layer in catalog.layers.items()
    }
    returned = counts(catalog, state.with_(statuses=("returned",)))
    assert returned["disputed_islands"] == 0 and returned["okinawa_facilities"] > 0
    frames = shown(catalog, state.with_(kinds=("island",)))
    assert set(frames) == set(catalog.layers)
    assert sum(len(f) for f in frames.values()) == len(catalog.layers["disputed_islands"].frame)


def test_info_panel_for_a_facility_cites_every_source(catalog: Catalog) -> None:
    kadena = catalog.feature("kadena-air-base")
    panel = html.Div(info_panel(kadena, catalog.sources, "en"))
    text = _text(panel)
    for expected in ("Kadena Air Base", "嘉手納飛行場", "FAC 6037", "19.855 km²", "2020-01-01"):
        assert expected in text
    links = [a.href for a in _find(panel, html.A)]
    assert links == [catalog.sources[s]["url"] for s in kadena["sources"]]


@pytest.mark.parametrize(
    ("km2", "expected"),
    [(7.66, "7.66 km²"), (19.855, "19.855 km²"), (88.03, "88.03 km²"), (6.630688, "6.630688 km²"),
     (0.012, "0.012 km² (12,000 m²)"), (0.007249, "0.007249 km² (7,249 m²)")],
)  # fmt: skip
def test_areas_keep_the_digits_their_source_gave(km2: float, expected: str) -> None:
    assert area_text(km2) == expected


def test_info_panel_for_a_disputed_island_is_side_by_side(catalog: Catalog) -> None:
    panel = html.Div(info_panel(catalog.feature("takeshima-nishijima"), catalog.sources, "en"))
    text = _text(panel)
    assert "South Korea" in text and "Japan" in text
    assert "독도" in text and "竹島" in text


def test_approximate_positions_say_so_in_the_panel_and_the_standalone_page(
    catalog: Catalog,
) -> None:
    rough = next(f for f in catalog.features() if f.get("position_precision_m", 0) > 1000)
    assert "approximate" in _text(html.Div(info_panel(rough, catalog.sources, "en")))
    page = standalone_html(
        catalog, from_query(f"layers={rough['layer']}", catalog), ROOT / "geodata", "t"
    )
    assert json.dumps(position_text(rough, "en"), ensure_ascii=False) in page
    assert "(approximate, ±" in position_text(rough, "en")
    precise = catalog.feature("kadena-air-base")
    assert "approximate" not in position_text(precise, "en")


def _facts(catalog: Catalog, fid: str, lang: str = "en") -> dict[str, str]:
    """The panel's fact rows of a place, as {label: value}."""
    panel = html.Div(info_panel(catalog.feature(fid), catalog.sources, lang))
    table = next(t for t in _find(panel, html.Table) if t.className == "facts")
    return {_text(row.children[0]): _text(row.children[1]) for row in _find(table, html.Tr)}


def test_the_panel_says_which_expected_facts_no_source_gives(catalog: Catalog) -> None:
    """A missing FAC number, area or opening reads as a gap in the sources, not an omission."""
    unknown = "not yet found in a source"
    hachinohe = _facts(catalog, "hachinohe-pol-depot")
    assert hachinohe["FAC code"] == unknown and hachinohe["Opened"] == unknown
    assert hachinohe["Area"].startswith("0.17 km²")
    mctureous = _facts(catalog, "camp-mctureous")
    assert mctureous["Area"] == unknown and mctureous["FAC code"] == "FAC 6031"
    assert unknown not in _facts(catalog, "kadena-air-base").values()
    island, planned = (
        _facts(catalog, "uotsuri-jima"),
        _facts(catalog, "jasdf-kitadaito-radar-planned"),
    )
    assert not {"FAC code", "Area", "Opened"} & (set(island) | set(planned))
    returned = _facts(catalog, "yomitan-auxiliary-airfield")  # its area then is not asked for
    assert "Area" not in returned and returned["Returned"]
    assert _facts(catalog, "camp-mctureous", "ja")["面積"] == "出典未確認"


def test_the_gaps_the_panels_show_are_the_ones_geodata_readme_lists(catalog: Catalog) -> None:
    gaps = {key: set() for key in ("fac_code", "area_km2", "opened")}
    for feature in catalog.features():
        for key in unsourced_facts(feature):
            gaps[key].add(feature["id"])
    assert gaps == {"fac_code": UNCODED, "area_km2": UNMEASURED, "opened": UNDATED}


def test_every_value_the_data_may_hold_has_a_label_in_both_languages(catalog: Catalog) -> None:
    """A status, kind, operator or party without a label would show its raw key to readers."""
    assert set(text.STATUSES) == schema.STATUSES | schema.ISLAND_STATUSES
    assert set(text.KINDS) == schema.KINDS
    assert set(text.OPERATORS) >= schema.US_OPERATORS | schema.SDF_OPERATORS
    parties = set()
    for feature in catalog.features("disputed_islands"):
        parties |= {feature["administered_by"], *feature["claimed_by"]}
        parties |= set(feature["names"]) | set(feature["claims"])
    assert parties <= set(text.PARTIES)
    administrators = {f["administered_by"] for f in catalog.features("disputed_islands")}
    assert administrators <= set(text.OPERATORS)  # the operator filter offers them
    for table in (text.STATUSES, text.KINDS, text.OPERATORS, text.PARTIES):
        assert all(en and ja and en != ja for en, ja in table.values())


def test_a_disputed_island_reads_in_japanese_with_each_party_named_in_japanese(
    catalog: Catalog,
) -> None:
    facts = _facts(catalog, "uotsuri-jima", "ja")
    assert facts["状況"] == "主張が対立"
    assert facts["施政・実効支配"] == "日本" and facts["領有を主張"] == "中国、台湾"
    names = _text(html.Div(info_panel(catalog.feature("uotsuri-jima"), catalog.sources, "ja")))
    assert "中国 : Diaoyu Dao (钓鱼岛)" in names and "台湾 : Diaoyutai (釣魚台)" in names
    assert _facts(catalog, "uotsuri-jima")["Status"] == "Disputed"
    positions = html.Div(info_panel(catalog.feature("takeshima-nishijima"), catalog.sources, "ja"))
    claims = next(ul for ul in _find(positions, html.Ul) if ul.className == "claims")
    assert [_text(li.children[0]) for li in claims.children] == ["日本", "韓国"]
    assert "国際司法裁判所" in _text(claims) and "独島" in _text(claims)
    assert "ICJ" not in _text(claims)


def test_japanese_panel(catalog: Catalog) -> None:
    futenma = catalog.feature("mcas-futenma")
    text = _text(html.Div(info_panel(futenma, catalog.sources, "ja")))
    assert "普天間飛行場" in text and "出典" in text and "施設番号" in text
    assert futenma["significance_ja"] in text and futenma["significance"] not in text
    assert futenma["position_basis_ja"] in text and futenma["position_basis"] not in text
    assert position_text(futenma, "en").endswith(futenma["position_basis"])
    assert _facts(catalog, "kadena-air-base", "ja")["所在地"] == "嘉手納町、沖縄市、北谷町、沖縄県"
    assert _facts(catalog, "kadena-air-base")["Location"] == "Kadena, Okinawa City, Chatan, Okinawa"
    takeshima = _facts(catalog, "takeshima-nishijima", "ja")["所在地"]
    assert takeshima.endswith("、島根県（日本の主張）") and "Japan" not in takeshima
    uotsuri = catalog.feature("uotsuri-jima")
    text = _text(html.Div(info_panel(uotsuri, catalog.sources, "ja")))
    assert f"米国:  {uotsuri['us_position_ja']}" in text and "United States" not in text
    english = _text(html.Div(info_panel(uotsuri, catalog.sources, "en")))
    assert uotsuri["significance"] in english
    assert f"United States:  {uotsuri['us_position']}" in english


def test_places_at_exactly_the_same_point_find_each_other(catalog: Catalog) -> None:
    """Only one marker of several at one point can be clicked: each names the others."""
    for feature in catalog.features():
        others = catalog.same_point(feature["id"])
        for other in others:
            assert (other["lon"], other["lat"]) == (feature["lon"], feature["lat"])
            assert feature["id"] in {o["id"] for o in catalog.same_point(other["id"])}
    assert [o["id"] for o in catalog.same_point("kobi-sho-range")] == ["kuba-jima"]
    assert catalog.same_point("kadena-air-base") == []
    assert catalog.same_point("no-such-place") == []


def test_the_panel_links_to_the_other_places_at_its_point(catalog: Catalog) -> None:
    panel = html.Div(side_panel(catalog, "kobi-sho-range", "en"))
    assert "Also at this point" in _text(panel) and "Kuba-jima" in _text(panel)
    ids_ = [b.id for b in _find(panel, html.Button)]
    assert {"type": "place-link", "place": "kuba-jima", "index": 0} in ids_
    assert "同じ地点" in _text(html.Div(side_panel(catalog, "kuba-jima", "ja")))
    assert "place-link" not in str(html.Div(side_panel(catalog, "kadena-air-base", "en")))


def test_overview_has_figures_charts_and_a_timeline_tied_to_places(catalog: Catalog) -> None:
    panel = html.Div(side_panel(catalog, None, "en"))
    text = _text(panel)
    assert "70.3 %" in text and "Okinawa" in text
    places = [e.place for e in catalog.timeline if e.place]
    assert "jgsdf-camp-yonaguni" in places
    assert str(panel).count("timeline-item") == len(places)


def test_area_chart_reproduces_okinawas_share(catalog: Catalog) -> None:
    assert catalog.totals is not None
    text = _text(area_by_prefecture(catalog.totals, "en"))
    assert "184.9 km² (70.3 %)" in text
    assert "沖縄県" in _text(area_by_prefecture(catalog.totals, "ja"))


def test_layer_operator_chart_counts_the_data(catalog: Catalog) -> None:
    tables = places_by_layer_and_operator(catalog, "en").children
    okinawa = " ".join(_text(tables[list(catalog.layers).index("okinawa_facilities")]).split())
    marines = sum(1 for f in catalog.features("okinawa_facilities")
                  if f.get("operator") == "US Marine Corps")  # fmt: skip
    assert f"U.S. Marine Corps {marines}" in okinawa


def test_search_options_find_every_name(catalog: Catalog) -> None:
    options = {o["value"]: o["search"] for o in search_options(catalog, "en")}
    assert "普天間" in options["mcas-futenma"]
    assert "Diaoyu" in options["uotsuri-jima"] and "钓鱼岛" in options["uotsuri-jima"]
    assert "독도" in options["takeshima-nishijima"]


def test_search_options_find_a_facility_by_its_fac_number_and_its_town(catalog: Catalog) -> None:
    options = {o["value"]: o["search"] for o in search_options(catalog, "ja")}
    mctureous = catalog.feature("camp-mctureous")
    assert mctureous["fac_code"] == "FAC 6031"
    assert "FAC 6031" in options["camp-mctureous"] and "FAC6031" in options["camp-mctureous"]
    assert [fid for fid, text in options.items() if "FAC6031" in text] == ["camp-mctureous"]
    in_sasebo = {fid for fid, text in options.items() if "Sasebo" in text}
    assert {"sasebo-dry-dock-area", "akasaki-pol-depot", "hario-family-housing-area"} <= in_sasebo
    assert "uotsuri-jima" not in in_sasebo
    in_nagasaki = {fid for fid, text in options.items() if "長崎県" in text}
    assert in_sasebo <= in_nagasaki and "yokose-pol-depot" in in_nagasaki
    for prefecture in ("埼玉県", "東京都"):  # Owada straddles the two
        assert "owada-communication-site" in {fid for fid, t in options.items() if prefecture in t}


@pytest.mark.parametrize(
    "query",
    [
        "?layers=<script>alert(1)</script>&view=nan,1e999,zz&select=../../etc/passwd",
        "?lang=xx&basemap=javascript:alert(1)&embed=2&operator=<b>",
        "?view=91,0,3&layers=&layers=us_bases",
        "?" + "a" * 5000,
        "?view=1e308,1e308,1e308",
    ],
)
def test_hostile_queries_fall_back_to_defaults(catalog: Catalog, query: str) -> None:
    state = from_query(query, catalog)
    assert state.view == View() and state.select is None
    assert state.lang == "en" and state.basemap == "offline" and not state.embed
    assert "<" not in to_query(state, catalog)


def test_unknown_layer_ids_are_ignored_but_an_empty_list_means_none(catalog: Catalog) -> None:
    assert from_query("?layers=<script>", catalog).layers == default_state(catalog).layers
    assert from_query("?layers=nope,us_bases", catalog).layers == ("us_bases",)
    assert from_query("?layers=", catalog).layers == ()


def test_query_round_trip(catalog: Catalog) -> None:
    query = "?layers=okinawa_facilities&view=26.35,127.77,10&select=kadena-air-base&lang=ja&embed=1"
    state = from_query(query, catalog)
    assert state.layers == ("okinawa_facilities",)
    assert state.view == View(26.35, 127.77, 10.0)
    assert (state.select, state.lang, state.embed) == ("kadena-air-base", "ja", True)
    assert from_query(to_query(state, catalog), catalog) == state
    assert from_query("?layers=", catalog).layers == ()


def test_downloads_carry_sources_and_defuse_formulas(catalog: Catalog) -> None:
    doc = json.loads(geojson_text(catalog, ["kadena-air-base", "no-such-place"]))
    (feature,) = doc["features"]
    assert feature["geometry"]["type"] == "Point"
    assert all(s["url"].startswith("http") for s in feature["properties"]["sources"])
    rows = list(csv.DictReader(io.StringIO(csv_text(catalog, ["kadena-air-base", "uotsuri-jima"]))))
    assert [r["id"] for r in rows] == ["kadena-air-base", "uotsuri-jima"]
    assert rows[1]["claimed_by"] == "China;Taiwan"
    assert all(u.startswith("http") for u in rows[0]["sources"].split())


def test_each_move_the_app_makes_gets_a_new_map_revision() -> None:
    assert focus_revision({"n": 3, "id": "kadena-air-base"}) == "focus-3"
    assert focus_revision({"n": 4}) != focus_revision({"n": 3})
    for forged in (None, {}, {"n": "3"}, {"n": True}, {"n": 2.5}, [], "focus-1"):
        assert focus_revision(forged) == "map"


def test_the_year_line_counts_a_past_year_and_says_what_the_counts_are(catalog: Catalog) -> None:
    from dashboard.panels import year_info

    state = default_state(catalog).with_(year=1972)
    text = _text(year_info(catalog, state))
    for lid, n in counts(catalog, state).items():
        assert f"{catalog.layers[lid].spec.title('en')}: {n}" in text
    reversion = [e.title_en for e in catalog.timeline if e.year == 1972]
    assert reversion and all(title in text for title in reversion)
    assert "not of every site that existed then" in text
    assert "shown in every year" in text
    present = _text(year_info(catalog, default_state(catalog)))
    assert present.startswith("today") and "every site" not in present
    assert not any(title in present for title in reversion)
    ja = _text(year_info(catalog, state.with_(lang="ja")))
    assert "当時あった全施設の数ではありません" in ja


def test_land_already_returned_is_faded_today_and_drawn_plainly_in_its_years(
    catalog: Catalog,
) -> None:
    from dashboard.figures import FADED
    from dashboard.panels import year_info

    def opacity_of(fig, fid: str) -> float:
        for trace in fig.data:
            if trace.uid == "okinawa_facilities":
                ids = [c[0] for c in trace.customdata]
                return trace.marker.opacity[ids.index(fid)]
        raise AssertionError(fid)

    today = map_figure(catalog, default_state(catalog))
    assert opacity_of(today, "sobe-communication-site") == FADED
    assert opacity_of(today, "kadena-air-base") == 1.0
    assert opacity_of(today, "camp-foster") == 1.0  # partly returned: still in use
    fukuoka = next(t for t in today.data if t.uid == "us_bases")
    order = [c[0] for c in fukuoka.customdata]  # the enclave in use is drawn over the old base
    assert order.index("itazuke-air-base") < order.index("itazuke-airfield")
    in_2000 = map_figure(catalog, default_state(catalog).with_(year=2000))
    assert opacity_of(in_2000, "sobe-communication-site") == 1.0
    sobe = next(t for t in today.data if t.uid == "okinawa_facilities").text
    assert any("Returned 2006" in text for text in sobe)
    returned = sum(1 for f in catalog.features() if f["status"] == "returned")
    note = _text(year_info(catalog, default_state(catalog)))
    assert f"Faded markers: {returned} places already returned to Japan." in note
    assert "Faded" not in _text(year_info(catalog, default_state(catalog).with_(year=2000)))
    ja = _text(year_info(catalog, default_state(catalog).with_(lang="ja")))
    assert f"すでに返還された{returned}地点" in ja
    keys = [t for t in map_figure(catalog, default_state(catalog).with_(embed=True)).data
            if t.uid == "returned-key"]  # fmt: skip
    assert len(keys) == 1 and keys[0].showlegend and keys[0].name == "Faded: returned to Japan"
    assert not [t for t in today.data if t.uid == "returned-key"]  # the full page says it below
    in_1990 = default_state(catalog).with_(embed=True, year=1990)
    assert not [t for t in map_figure(catalog, in_1990).data if t.uid == "returned-key"]
