"""Pure functions that build the info panel's content from a feature and its sources."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.charts import area_by_prefecture, places_by_layer_and_operator
from dashboard.text import kind_label, operator_label, status_label, ui
from layers import Catalog

APPROXIMATE_M = 1000  # positions coarser than this are called approximate


def _row(label: str, value: Any) -> html.Tr:
    return html.Tr([html.Th(label, scope="row"), html.Td(value)])


def source_citation(source: dict[str, str], lang: str) -> list[Any]:
    """A source as a link with its publisher and the date it was accessed."""
    link = html.A(source["title"], href=source["url"], target="_blank", rel="noopener noreferrer")
    return [link, f" — {source['publisher']} ({ui('accessed', lang)} {source['accessed']})"]


def _position(feature: dict[str, Any], lang: str) -> str:
    lat, lon = feature["lat"], feature["lon"]
    text = f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'}, {lon:.5f}°E — {feature['position_basis']}"
    precision = feature.get("position_precision_m")
    if precision and precision > APPROXIMATE_M:
        text += f" ({ui('approximate', lang)}, ±{precision / 1000:.1f} km)"
    return text


def _facts(feature: dict[str, Any], lang: str) -> list[html.Tr]:
    rows = [_row(ui("status", lang), status_label(feature["status"], lang))]
    place = ", ".join(v for v in (feature.get("municipality"), feature.get("prefecture")) if v)
    if place:
        rows.append(_row(ui("place", lang), place))
    if feature.get("administered_by"):
        rows.append(_row(ui("administered_by", lang), feature["administered_by"]))
        rows.append(_row(ui("claimed_by", lang), ", ".join(feature.get("claimed_by") or []) or "—"))
    if feature.get("fac_code"):
        rows.append(_row(ui("fac_code", lang), feature["fac_code"]))
    if feature.get("area_km2"):
        area = f"{feature['area_km2']:,.3f} km² ({ui('as_of', lang)} {feature['area_as_of']})"
        rows.append(_row(ui("area", lang), area))
    for key in ("opened", "returned"):
        if feature.get(key):
            rows.append(_row(ui(key, lang), feature[key]))
    if feature.get("units"):
        rows.append(_row(ui("units", lang), "; ".join(feature["units"])))
    rows.append(_row(ui("position", lang), _position(feature, lang)))
    return rows


def _dispute(feature: dict[str, Any], lang: str) -> list[Any]:
    names = feature.get("names") or {}
    claims = feature.get("claims") or {}
    if not names:
        return []
    items = [
        html.Li([html.Strong(party), f": {entry['name']} ({entry['local']})"])
        for party, entry in names.items()
    ]
    positions = [html.Li([html.Strong(party), f": {text}"]) for party, text in claims.items()]
    return [
        html.H3(ui("names", lang)),
        html.Ul(items, className="names"),
        html.H3(ui("claims", lang)),
        html.Ul(positions, className="claims"),
    ]


def info_panel(feature: dict[str, Any] | None, sources: dict[str, dict[str, str]], lang: str):
    """The info panel's children for a feature (as from Catalog.feature), or a hint if none."""
    if feature is None:
        return [html.P(ui("pick", lang), className="hint")]
    close = dbc.Button(
        ui("close", lang),
        id={"type": ids.PANEL_CLOSE, "index": 0},
        size="sm",
        color="link",
        className="panel-close",
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
    children.append(html.Table(html.Tbody(_facts(feature, lang)), className="facts"))
    children += _dispute(feature, lang)
    if feature.get("significance"):
        children += [html.H3(ui("why", lang)), html.P(feature["significance"])]
    if feature.get("us_position"):
        children += [html.P([html.Strong("United States: "), feature["us_position"]])]
    cited = [sources[sid] for sid in feature["sources"] if sid in sources]
    children += [
        html.H3(ui("sources", lang)),
        html.Ul([html.Li(source_citation(s, lang)) for s in cited], className="sources"),
    ]
    return children


def overview(catalog: Catalog, lang: str) -> list[Any]:
    """What the panel shows when nothing is selected: key figures, charts, how to use the map."""
    children: list[Any] = [
        html.H2(ui("overview", lang)),
        html.P(ui("pick", lang), className="hint"),
    ]
    totals = catalog.totals
    if totals is not None:
        cited = [catalog.sources[s] for s in totals.sources if s in catalog.sources]
        figures = [
            (f"{totals.count}", "U.S. exclusive-use facilities in Japan", "在日米軍専用施設の数"),
            (f"{totals.okinawa_count}", "of them in Okinawa", "うち沖縄県"),
            (
                f"{totals.okinawa_share:.1f} %",
                "of the exclusive-use area is in Okinawa",
                "専用施設面積に占める沖縄県の割合",
            ),
        ]
        children += [
            html.H3(ui("key_figures", lang)),
            html.Dl(
                [
                    item
                    for value, en, ja in figures
                    for item in (html.Dt(value), html.Dd(ja if lang == "ja" else en))
                ],
                className="key-figures",
            ),
            html.P(
                [f"{ui('source_for', lang)} ({ui('as_of', lang)} {totals.as_of}): "]
                + [part for source in cited for part in source_citation(source, lang)],
                className="small text-muted",
            ),
            area_by_prefecture(totals, lang),
        ]
    children += [
        html.H3(ui("by_layer_operator", lang)),
        places_by_layer_and_operator(catalog, lang),
    ]
    return children


def side_panel(catalog: Catalog, feature_id: str | None, lang: str) -> list[Any]:
    """The info panel for the selected feature, or the overview."""
    feature = catalog.feature(feature_id) if feature_id else None
    if feature is None:
        return overview(catalog, lang)
    return info_panel(feature, catalog.sources, lang)
