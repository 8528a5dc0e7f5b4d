"""Small accessible charts as HTML tables with bars: no chart library, read by screen readers."""

from __future__ import annotations

from collections import Counter

from dash import html

from dashboard.text import operator_label, prefecture_label, ui
from layers import Catalog
from layers.schema import SCHEMAS
from layers.totals import ExclusiveUseTotals


def bar_table(
    rows: list[tuple[str, float, str]], caption: str, colour: str = "#0b5394"
) -> html.Table:
    """rows: (label, value, value text). Bars are scaled to the largest value."""
    top = max((value for _, value, _ in rows), default=0) or 1
    body = [
        html.Tr(
            [
                html.Th(label, scope="row"),
                html.Td(
                    html.Span(
                        className="bar",
                        style={"width": f"{100 * value / top:.1f}%", "backgroundColor": colour},
                    ),
                    className="bar-cell",
                    **{"aria-hidden": "true"},
                ),
                html.Td(text, className="num"),
            ]
        )
        for label, value, text in rows
    ]
    return html.Table([html.Caption(caption), html.Tbody(body)], className="bar-table")


def area_by_prefecture(totals: ExclusiveUseTotals, lang: str) -> html.Table:
    """Exclusive-use area per prefecture (official figures), with each one's share of the total."""
    whole = totals.area_thousand_m2
    rows = [
        (
            prefecture_label(name, lang),
            area / 1000,
            f"{area / 1000:,.1f} km² ({100 * area / whole:.1f} %)",
        )
        for name, area in sorted(
            totals.area_by_prefecture_thousand_m2.items(), key=lambda item: -item[1]
        )
    ]
    caption = f"{ui('area_by_prefecture', lang)} ({ui('as_of', lang)} {totals.as_of})"
    return bar_table(rows, caption)


def places_by_layer_and_operator(catalog: Catalog, lang: str) -> html.Div:
    """Counts computed from the data: per layer, how many places each operator runs."""
    tables = []
    for layer in catalog.layers.values():
        features = catalog.features(layer.id)
        column = "operator" if "operator" in SCHEMAS[layer.spec.schema] else "administered_by"
        tally = Counter(f[column] for f in features if f.get(column))
        rows = [
            (operator_label(name, lang), count, str(count)) for name, count in tally.most_common()
        ]
        tables.append(bar_table(rows, layer.spec.title(lang), layer.spec.color))
    return html.Div(tables, className="layer-operator-charts")
