"""Pure functions that build the info panel's content from a feature and its sources."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard import ids
from dashboard.charts import area_by_prefecture, places_by_layer_and_operator
from dashboard.state import ViewState
from dashboard.text import (
    in_lang,
    kind_label,
    operator_label,
    party_label,
    position_text,
    prefecture_label,
    status_label,
    ui,
)
from dashboard.widgets import button
from layers import Catalog
from layers.catalog import Reference
from layers.stats import unsourced_facts


def _row(label: str, value: Any) -> html.Tr:
    return html.Tr([html.Th(label, scope="row"), html.Td(value)])


def source_citation(source: dict[str, str], lang: str) -> list[Any]:
    """A source as a link with its publisher and the date it was accessed."""
    link = html.A(source["title"], href=source["url"], target="_blank", rel="noopener noreferrer")
    return [link, f" — {source['publisher']} ({ui('accessed', lang)} {source['accessed']})"]


def area_text(km2: float) -> str:
    """An area with the digits its source gave; small ones also in square metres."""
    text = f"{format(km2, ',')} km²"
    if km2 < 0.1:
        text += f" ({round(km2 * 1_000_000):,} m²)"
    return text


def _listed(items: list[str], lang: str) -> str:
    """Items joined as a list is written in the language: 'a, b' or 'a、b'."""
    return ("、" if lang == "ja" else ", ").join(items)


def _facts(feature: dict[str, Any], lang: str) -> list[html.Tr]:
    rows = [_row(ui("status", lang), status_label(feature["status"], lang))]
    municipality, prefecture = in_lang(feature, "municipality", lang), feature.get("prefecture")
    parts = (municipality, prefecture and prefecture_label(prefecture, lang))
    place = _listed([v for v in parts if v], lang)
    if place:
        rows.append(_row(ui("place", lang), place))
    if feature.get("administered_by"):
        administrator = party_label(feature["administered_by"], lang)
        rows.append(_row(ui("administered_by", lang), administrator))
        claimants = [party_label(party, lang) for party in feature.get("claimed_by") or []]
        rows.append(_row(ui("claimed_by", lang), _listed(claimants, lang) or "—"))
    if feature.get("use"):
        use = ui(f"use_{feature['use']}", lang)
        if feature.get("joint_use"):
            use += f" · {ui('joint_use', lang)}"
        rows.append(_row(ui("use", lang), use))
    unsourced = unsourced_facts(feature)
    unknown = html.Span(ui("not_in_sources", lang), className="unknown")
    if feature.get("fac_code"):
        rows.append(_row(ui("fac_code", lang), feature["fac_code"]))
    elif "fac_code" in unsourced:
        rows.append(_row(ui("fac_code", lang), unknown))
    if feature.get("area_km2"):
        area = f"{area_text(feature['area_km2'])} ({ui('as_of', lang)} {feature['area_as_of']})"
        rows.append(_row(ui("area", lang), area))
    elif "area_km2" in unsourced:
        rows.append(_row(ui("area", lang), unknown))
    for key in ("opened", "returned"):
        if feature.get(key):
            rows.append(_row(ui(key, lang), feature[key]))
        elif key in unsourced:
            rows.append(_row(ui(key, lang), unknown))
    if feature.get("units"):
        rows.append(_row(ui("units", lang), "; ".join(feature["units"])))
    rows.append(_row(ui("position", lang), position_text(feature, lang)))
    return rows


def _dispute(feature: dict[str, Any], lang: str) -> list[Any]:
    names = feature.get("names") or {}
    claims = in_lang(feature, "claims", lang) or {}
    if not names:
        return []
    items = [
        html.Li([html.Strong(party_label(party, lang)), f": {entry['name']} ({entry['local']})"])
        for party, entry in names.items()
    ]
    positions = [
        html.Li([html.Strong(party_label(party, lang)), f": {text}"])
        for party, text in claims.items()
    ]
    return [
        html.H3(ui("names", lang)),
        html.Ul(items, className="names"),
        html.H3(ui("claims", lang)),
        html.Ul(positions, className="claims"),
    ]


def _distances(distances: list[tuple[Reference, float]], feature_id: str, lang: str) -> list:
    rows = [
        _row(ref.name(lang), f"{km:,.0f} km")
        for ref, km in distances
        if ref.coast or km >= 0.5  # not to itself
    ]
    if not rows:
        return []
    return [
        html.H3(ui("distance_to", lang)),
        html.Table(html.Tbody(rows), className="facts distances", id=f"distances-{feature_id}"),
    ]


def _also_here(others: list[dict[str, Any]], lang: str) -> list[Any]:
    """Links to the other places at this one's point (their markers lie under this one)."""
    if not others:
        return []
    links: list[Any] = []
    for n, other in enumerate(others):
        name = other["name_ja"] if lang == "ja" else other["name_en"]
        place = {"type": ids.PLACE_LINK, "place": other["id"], "index": n}
        links += [", "] if links else []
        links.append(button(name, place, "link", "place-link"))
    return [html.P([html.Span(ui("also_here", lang) + ": "), *links], className="also-here")]


def info_panel(
    feature: dict[str, Any] | None,
    sources: dict[str, dict[str, str]],
    lang: str,
    close_label: str = "close",
    distances: list[tuple[Reference, float]] | None = None,
    also_here: list[dict[str, Any]] | None = None,
):
    """The info panel's children for a feature (as from Catalog.feature), or a hint if none."""
    if feature is None:
        return [html.P(ui("pick", lang), className="hint")]
    close = button(
        ui(close_label, lang), {"type": ids.PANEL_CLOSE, "index": 0}, "link", "panel-close"
    )
    title = feature["name_ja"] if lang == "ja" else feature["name_en"]
    subtitle = feature["name_en"] if lang == "ja" else feature["name_ja"]
    operator = feature.get("operator")
    what = kind_label(feature["kind"], lang)
    if operator:
        what += f" · {operator_label(operator, lang)}"
    summary = feature.get("summary_ja") if lang == "ja" else feature.get("summary_en")
    children: list[Any] = [
        close,
        html.H2(title, className="feature-name"),
        html.P(subtitle, className="feature-subtitle", lang="en" if lang == "ja" else "ja"),
        html.P(what, className="feature-kind"),
    ]
    if summary:
        children.append(html.P(summary, className="summary"))
    children += _also_here(also_here or [], lang)
    children.append(html.Table(html.Tbody(_facts(feature, lang)), className="facts"))
    children += _dispute(feature, lang)
    children += _distances(distances or [], feature["id"], lang)
    significance = in_lang(feature, "significance", lang)
    if significance:
        children += [html.H3(ui("why", lang)), html.P(significance)]
    us_position = in_lang(feature, "us_position", lang)
    if us_position:
        children += [html.P([html.Strong(f"{ui('united_states', lang)}: "), us_position])]
    cited = [sources[sid] for sid in feature["sources"] if sid in sources]
    children += [
        html.H3(ui("sources", lang)),
        html.Ul([html.Li(source_citation(s, lang)) for s in cited], className="sources"),
    ]
    return children


def _cite(source_ids: list[str], sources: dict[str, dict[str, str]]) -> list[Any]:
    """Small numbered links to sources, e.g. [1] [2]."""
    links: list[Any] = []
    for n, sid in enumerate(source_ids, start=1):
        source = sources.get(sid)
        if source:
            title = f"{source['title']} — {source['publisher']}"
            links += [" ", html.A(f"[{n}]", href=source["url"], title=title, target="_blank",
                                  rel="noopener noreferrer", className="cite")]  # fmt: skip
    return links


def key_figures(catalog: Catalog, lang: str) -> html.Dl:
    """The headline figures (figures.json), each with its date and sources."""
    items: list[Any] = []
    for figure in catalog.figures:
        if figure.id.startswith("area-"):  # facility areas are in each facility's panel
            continue
        label = figure.label_ja if lang == "ja" else figure.label_en
        value = figure.value_ja if lang == "ja" else figure.value_en
        as_of = f" ({figure.as_of})" if figure.as_of else ""
        items += [
            html.Dt(value),
            html.Dd([label, html.Span(as_of, className="text-muted"),
                     *_cite(figure.sources, catalog.sources)]),
        ]  # fmt: skip
    return html.Dl(items, className="key-figures")


def timeline(catalog: Catalog, lang: str) -> html.Ol:
    """The alliance's turning points; an event tied to a place can select it on the map."""
    items = []
    for n, event in enumerate(catalog.timeline):
        title = event.title_ja if lang == "ja" else event.title_en
        text = event.text_ja if lang == "ja" else event.text_en
        body: list[Any] = [
            html.Time(event.date, dateTime=event.date, className="event-date"),
            html.Strong(title, className="event-title"),
            html.Span([text, *_cite(event.sources, catalog.sources)], className="event-text"),
        ]
        if event.place and catalog.feature(event.place):
            body.append(
                button(
                    ui("selected_on_map", lang),
                    {"type": ids.TIMELINE_ITEM, "place": event.place, "index": n},
                    "link",
                    "event-place",
                )
            )
        items.append(html.Li(body, className="event"))
    return html.Ol(items, className="timeline")


def overview(catalog: Catalog, lang: str) -> list[Any]:
    """What the panel shows when nothing is selected: figures, charts and the timeline."""
    children: list[Any] = [
        html.H2(ui("overview", lang)),
        html.P(ui("pick", lang), className="hint"),
    ]
    children += [html.H3(ui("key_figures", lang)), key_figures(catalog, lang)]
    totals = catalog.totals
    if totals is not None:
        children += [
            area_by_prefecture(totals, lang),
            html.P(_cite(totals.area_by_prefecture_sources, catalog.sources), className="small"),
        ]
    children += [
        html.H3(ui("by_layer_operator", lang)),
        places_by_layer_and_operator(catalog, lang),
        html.H3(ui("timeline", lang)),
        timeline(catalog, lang),
    ]
    return children


def side_panel(
    catalog: Catalog, feature_id: str | None, lang: str, embed: bool = False
) -> list[Any]:
    """The info panel for the selected feature, or the overview (nothing, when embedded)."""
    feature = catalog.feature(feature_id) if feature_id else None
    if feature is None:
        return [] if embed else overview(catalog, lang)
    distances = catalog.distances(feature["id"])
    close = "close_embed" if embed else "close"
    others = catalog.same_point(feature["id"])
    return info_panel(feature, catalog.sources, lang, close, distances, others)


def year_info(catalog: Catalog, state: ViewState) -> list[Any]:
    """Under the year slider: the year's turning points and how many places each layer shows."""
    from dashboard.selection import counts, faded_count, in_year

    lang = state.lang
    shown = counts(catalog, state)
    parts: list[Any] = [
        html.Strong(str(state.year) if state.year is not None else ui("present", lang)),
        " · ",
        " · ".join(f"{catalog.layers[lid].spec.title(lang)}: {n}" for lid, n in shown.items()),
    ]
    if state.year is not None:
        events = [e for e in catalog.timeline if e.year == state.year]
        parts += [
            html.Div(
                [
                    html.Span("◆ ", className="event-mark"),
                    e.title_ja if lang == "ja" else e.title_en,
                ],
                className="milestone",
            )
            for e in events
        ]
        undated = sum(
            1
            for f in catalog.features()
            if f["kind"] != "island" and not f.get("opened") and in_year(f, state.year)
        )
        if undated:
            parts.append(html.Div(ui("undated", lang).format(n=undated), className="undated"))
        parts.append(html.Div(ui("past_counts", lang), className="undated"))
    elif faded := faded_count(catalog, state):
        parts.append(html.Div(ui("faded", lang).format(n=faded), className="undated"))
    return parts


def measure_text(catalog: Catalog, state: ViewState) -> str:
    """The measured distance between two places, or how to measure one."""
    from layers.geodesy import distance_km

    ends = [catalog.feature(fid) for fid in state.measure]
    if len(ends) != 2 or None in ends:
        return ui("measure_hint", state.lang)
    a, b = ends
    names = [f["name_ja"] if state.lang == "ja" else f["name_en"] for f in (a, b)]
    km = distance_km(a["lon"], a["lat"], b["lon"], b["lat"])
    return f"{names[0]} — {names[1]}: {km:,.1f} km"
