"""Pure functions that build the info panel's content from a feature and its sources."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.text import kind_label, operator_label, status_label, ui

APPROXIMATE_M = 1000  # positions coarser than this are called approximate


def _row(label: str, value: Any) -> html.Tr:
    return html.Tr([html.Th(label, scope="row"), html.Td(value)])


def _source_item(source: dict[str, str], lang: str) -> html.Li:
    link = html.A(source["title"], href=source["url"], target="_blank", rel="noopener noreferrer")
    return html.Li(
        [link, f" — {source['publisher']} ({ui('accessed', lang)} {source['accessed']})"]
    )


def _position(feature: dict[str, Any], lang: str) -> str:
    lat, lon = feature["lat"], feature["lon"]
    text = f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'}, {lon:.5f}°E — {feature['position_basis']}"
    precision = feature.get("position_precision_m")
    if precision and precision > APPROXIMATE_M:
        text += " (approximate)" if lang != "ja" else "（概略位置）"
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
    title = feature["name_ja"] if lang == "ja" else feature["name_en"]
    subtitle = feature["name_en"] if lang == "ja" else feature["name_ja"]
    operator = feature.get("operator")
    what = kind_label(feature["kind"], lang)
    if operator:
        what += f" · {operator_label(operator, lang)}"
    summary = feature.get("summary_ja") if lang == "ja" else feature.get("summary_en")
    children: list[Any] = [
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
    cited = [sources[sid] for sid in feature["sources"] if sid in sources]
    children += [
        html.H3(ui("sources", lang)),
        html.Ul([_source_item(s, lang) for s in cited], className="sources"),
    ]
    return children
