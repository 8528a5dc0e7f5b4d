"""The page: pure functions from the catalog and a view state to Dash components."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import dash_table, dcc, html

from dashboard import ids
from dashboard.figures import map_figure
from dashboard.panels import measure_text, side_panel, year_info
from dashboard.selection import counts
from dashboard.state import (
    BASEMAPS,
    FIRST_YEAR,
    RING_CHOICES,
    ViewState,
    filter_values,
    to_query,
)
from dashboard.text import kind_label, operator_label, prefecture_label, status_label, ui
from dashboard.widgets import button, label
from layers import Catalog

SECTIONS = ("layers", "filters", "distances", "in-view", "download")
OPEN_SECTIONS = ("layers", "filters")  # open as the page starts
MEASURING = "on"  # the measure switch's value when on
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "responsive": True,
    # No lasso/box select on a map of points, and never the "share to Plotly Cloud" upload.
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendChartToCloud"],
    "toImageButtonOptions": {
        "format": "png",
        "width": 1920,
        "height": 1080,
        "filename": "alliance-map",
    },
}


def layer_options(catalog: Catalog, state: ViewState) -> list[dict[str, Any]]:
    """One toggle per layer: its marker key, title, count under the filters, and description."""
    shown = counts(catalog, state)
    options = []
    for layer in catalog.layers.values():
        spec = layer.spec
        label = html.Span(
            [
                html.Span(className=f"key key-{spec.symbol}", style={"--key": spec.color}),
                html.Span(
                    [
                        html.Span(spec.title(state.lang), className="layer-title"),
                        html.Span(f" ({shown[spec.id]})", className="layer-count"),
                        html.Br(),
                        html.Small(spec.description(state.lang), className="layer-desc"),
                    ]
                ),
            ],
            className="layer-label",
        )
        options.append({"label": label, "value": spec.id})
    return options


def search_options(catalog: Catalog, lang: str) -> list[dict[str, str]]:
    """Every place, labelled in the interface language, findable by any of its names, its FAC
    number (with or without the space) and the municipality and prefecture it lies in (the
    prefecture also in Japanese)."""
    options = []
    for feature in catalog.features():
        names = [feature["name_en"], feature["name_ja"], *feature.get("aliases", [])]
        for entry in feature.get("names", {}).values():
            names += [entry["name"], entry["local"]]
        if fac := feature.get("fac_code"):
            names += [fac, fac.replace(" ", "")]
        names += [place for key in ("municipality", "prefecture") if (place := feature.get(key))]
        names += [prefecture_label(p, "ja") for p in (feature.get("prefecture") or "").split("; ")]
        label = feature["name_ja"] if lang == "ja" else feature["name_en"]
        options.append({"label": label, "value": feature["id"], "search": " ".join(names)})
    return sorted(options, key=lambda o: o["label"])


def _filters(catalog: Catalog, state: ViewState) -> html.Div:
    values = filter_values(catalog)
    lang = state.lang
    filters = (
        (ids.FILTER_OPERATOR, "operator", "operators", operator_label, state.operators),
        (ids.FILTER_STATUS, "status", "statuses", status_label, state.statuses),
        (ids.FILTER_KIND, "kind", "kinds", kind_label, state.kinds),
    )
    children: list[Any] = []
    for component_id, title, key, label_of, chosen in filters:
        children += [
            label(ui(title, lang), component_id, className="mt-2"),
            dcc.Dropdown(
                id=component_id,
                options=[{"label": label_of(v, lang), "value": v} for v in values[key]],
                value=list(chosen),
                multi=True,
                placeholder=ui("any", lang),
            ),
        ]
    return html.Div(children)


def _distance_controls(catalog: Catalog, state: ViewState) -> html.Div:
    lang = state.lang
    return html.Div(
        [
            label(ui("rings", lang), ids.RINGS),
            dcc.Checklist(
                id=ids.RINGS,
                options=[{"label": f" {r:,} km", "value": r} for r in RING_CHOICES],
                value=list(state.rings),
                inline=True,
                className="rings",
                inputClassName="form-check-input",
            ),
            dcc.Checklist(
                id=ids.MEASURE_MODE,
                options=[{"label": ui("measure", lang), "value": MEASURING}],
                value=[MEASURING] if state.measure else [],
                className="form-switch mt-2",
                inputClassName="form-check-input",
                labelClassName="form-check-label",
            ),
            html.Div(measure_text(catalog, state), id=ids.MEASURE_RESULT, className="small"),
            button(ui("measure_clear", lang), ids.MEASURE_CLEAR, className="mt-1"),
            dcc.Store(id=ids.MEASURE, data=list(state.measure)),
        ]
    )


def timebar(catalog: Catalog, state: ViewState) -> html.Div:
    """The year slider with a play button, the year's turning points and counts."""
    this_year = date.today().year
    marks: dict[int, str] = {y: str(y) for y in range(FIRST_YEAR + 5, this_year - 4, 10)}
    marks[this_year] = ui("present", state.lang)
    return html.Div(
        [
            button(ui("play", state.lang), ids.PLAY, className="play"),
            html.Div(
                dcc.Slider(
                    id=ids.YEAR,
                    min=FIRST_YEAR,
                    max=this_year,
                    step=1,
                    value=state.year if state.year is not None else this_year,
                    marks=marks,
                    included=True,
                    tooltip={"placement": "top", "always_visible": False},
                ),
                className="year-slider",
                title=ui("year_slider", state.lang),
            ),
            html.Div(year_info(catalog, state), id=ids.YEAR_INFO, className="year-info"),
            dcc.Interval(id=ids.TICK, interval=1100, disabled=True),
        ],
        className="timebar",
    )


def places_table(lang: str, rows: list[dict[str, str]]) -> dash_table.DataTable:
    """The sortable, filterable list of places in view (mounted when its section opens, so the
    page does not load the table's code until someone wants it)."""
    columns = [
        {"name": ui("name", lang), "id": "name"},
        {"name": ui("kind", lang), "id": "kind"},
        {"name": ui("layer", lang), "id": "layer"},
    ]
    return dash_table.DataTable(
        id={"type": ids.FEATURE_TABLE, "index": 0},
        columns=columns,
        data=rows,
        sort_action="native",
        filter_action="native",
        page_action="native",
        page_size=12,
        cell_selectable=True,
        style_as_list_view=True,
        style_cell={"fontFamily": "inherit", "fontSize": "0.85rem", "textAlign": "left"},
        style_header={"fontWeight": "600"},
        style_data_conditional=[
            {
                "if": {"state": "active"},
                "backgroundColor": "#e7f0fa",
                "border": "1px solid #0b5394",
            },
            {
                "if": {"state": "selected"},
                "backgroundColor": "#e7f0fa",
                "border": "1px solid #0b5394",
            },
        ],
    )


def _downloads(catalog: Catalog, lang: str) -> html.Div:
    layer_buttons = [
        html.Div(
            [
                button(
                    f"{layer.spec.title(lang)} · {fmt.upper()}",
                    {"type": ids.DOWNLOAD_LAYER, "layer": layer.id, "format": fmt},
                )
                for fmt in ("geojson", "csv")
            ],
            role="group",
            className="btn-group mb-1 d-flex",
        )
        for layer in catalog.layers.values()
    ]
    return html.Div(
        [
            html.H3(ui("download_view", lang), className="h6"),
            html.Div(
                [
                    button("GeoJSON", ids.DOWNLOAD_VIEW_GEOJSON, "outline-primary"),
                    button("CSV", ids.DOWNLOAD_VIEW_CSV, "outline-primary"),
                ],
                role="group",
                className="btn-group mb-2",
            ),
            html.H3(ui("download_layer", lang), className="h6"),
            *layer_buttons,
            dcc.Download(id=ids.DOWNLOAD),
        ]
    )


def _controls(catalog: Catalog, state: ViewState) -> html.Div:
    lang = state.lang
    sections = [
        (ui("layers", lang), dcc.Checklist(
            id=ids.LAYER_TOGGLES,
            options=layer_options(catalog, state),
            value=list(state.layers),
            className="layer-list",
            inputClassName="form-check-input",
        )),
        (ui("filters", lang), _filters(catalog, state)),
        (ui("distances", lang), _distance_controls(catalog, state)),
        (ui("in_view", lang), html.Div(id=ids.TABLE_SLOT)),
        (ui("download", lang), _downloads(catalog, lang)),
    ]  # fmt: skip
    return html.Div(
        [
            html.Details(
                [
                    html.Summary(title, id=f"{ids.SECTION_PREFIX}{item_id}"),
                    html.Div(body, className="section-body"),
                ],
                open=item_id in OPEN_SECTIONS,
            )
            for item_id, (title, body) in zip(SECTIONS, sections, strict=True)
        ],
        id=ids.CONTROLS,
        className="controls",
    )


def _header(catalog: Catalog, state: ViewState) -> html.Header:
    lang = state.lang
    other = "ja" if lang == "en" else "en"
    return html.Header(
        [
            html.H1(ui("title", lang), className="title"),
            html.Div(
                dcc.Dropdown(
                    id=ids.SEARCH,
                    options=search_options(catalog, lang),
                    placeholder=ui("search", lang),
                    clearable=True,
                    searchable=True,
                    optionHeight=32,
                ),
                className="search",
                title=ui("search_label", lang),
            ),
            html.Div(
                [
                    label(ui("basemap", lang), ids.BASEMAP, className="visually-hidden"),
                    dcc.Dropdown(
                        id=ids.BASEMAP,
                        options=[{"label": ui(name, lang), "value": name} for name in BASEMAPS],
                        value=state.basemap,
                        clearable=False,
                        searchable=False,
                    ),
                ],
                className="basemap",
                title=ui("basemap", lang),
            ),
            button(ui("share", lang), ids.SHARE_OPEN, "primary"),
            html.A(
                ui("language", lang),
                id=ids.LANG_LINK,
                href=to_query(state.with_(lang=other), catalog) or "?",
                className="btn btn-sm btn-outline-primary lang",
                lang=other,
                hrefLang=other,
            ),
        ],
        className="topbar",
    )


def share_modal(lang: str) -> html.Div:
    """The link to the current view and an <iframe> snippet for it, with a live preview."""

    def copy_row(component: Any, target: str) -> html.Div:
        return html.Div(
            [component, dcc.Clipboard(target_id=target, title=ui("copy", lang), className="copy")],
            className="copy-row",
        )

    def size(component_id: str, value: int, most: int) -> dcc.Input:
        return dcc.Input(
            id=component_id, type="number", value=value, min=200, max=most, step=10,
            className="form-control form-control-sm",
        )  # fmt: skip

    title_id = f"{ids.SHARE_MODAL}-title"
    return html.Div(
        html.Div(
            [
                html.Div(
                    [
                        html.H2(ui("share_title", lang), id=title_id, className="h5 m-0"),
                        button("×", ids.SHARE_CLOSE, "link", className="share-close"),
                    ],
                    className="share-head",
                ),
                html.Div(
                    [
                        label(ui("share_link", lang), ids.SHARE_LINK),
                        copy_row(
                            dcc.Input(id=ids.SHARE_LINK, readOnly=True, className="form-control"),
                            ids.SHARE_LINK,
                        ),
                        html.H3(ui("share_embed", lang), className="h6 mt-3"),
                        label(ui("share_size", lang), ids.SHARE_WIDTH),
                        html.Div(
                            [
                                size(ids.SHARE_WIDTH, 800, 3840),
                                "×",
                                size(ids.SHARE_HEIGHT, 500, 2160),
                            ],
                            className="size-row",
                        ),
                        copy_row(
                            dcc.Textarea(
                                id=ids.SHARE_SNIPPET,
                                readOnly=True,
                                rows=3,
                                className="form-control",
                            ),
                            ids.SHARE_SNIPPET,
                        ),
                        html.H3(ui("share_preview", lang), className="h6 mt-3"),
                        html.Div(
                            html.Iframe(id=ids.SHARE_PREVIEW, title=ui("share_preview", lang)),
                            className="preview",
                        ),
                    ],
                    className="share-body",
                ),
            ],
            className="share-dialog",
            role="dialog",
            **{"aria-modal": "true", "aria-labelledby": title_id},
        ),
        id=ids.SHARE_MODAL,
        className="share-modal",
        hidden=True,
    )


def _footer(catalog: Catalog, state: ViewState) -> html.Footer:
    lang = state.lang
    if not state.embed:
        return html.Footer(ui("attribution", lang), className="attribution")
    full = to_query(state.with_(embed=False), catalog) or "?"
    return html.Footer(
        [
            html.A(ui("open_full", lang), href=full, target="_blank", rel="noopener"),
            " · ",
            ui("attribution_short", lang),
        ],
        className="attribution",
    )


def page(catalog: Catalog, state: ViewState) -> html.Div:
    """The dashboard. With `embed`, CSS shows only the map, its legend, the panel once a place is
    clicked and one line of attribution; the controls stay in the page, hidden, so that every
    callback has its components."""
    lang = state.lang
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE, data=to_query(state, catalog)),
            dcc.Store(id=ids.SELECTED, data=state.select),
            dcc.Store(id=ids.FOCUS, data=None),
            dcc.Store(id=ids.HALO_REQUEST, data=None),
            _header(catalog, state),
            share_modal(lang),
            html.Main(
                [
                    html.Aside(_controls(catalog, state), className="sidebar"),
                    html.Div(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                figure=map_figure(catalog, state),
                                config=GRAPH_CONFIG | {"displayModeBar": not state.embed},
                                className="map",
                            ),
                            html.Div(
                                [
                                    ui("tiles_failed", lang),
                                    button("×", ids.BASEMAP_NOTICE_CLOSE, "link", "notice-close"),
                                ],
                                id=ids.BASEMAP_NOTICE,
                                role="status",
                                className="alert alert-warning basemap-notice",
                                hidden=True,
                            ),
                            timebar(catalog, state),
                        ],
                        className="map-wrap",
                    ),
                    html.Section(
                        side_panel(catalog, state.select, lang, embed=state.embed),
                        id=ids.INFO_PANEL,
                        className="info-panel",
                        role="region",
                        **{"aria-live": "polite", "aria-label": ui("overview", lang)},
                    ),
                ],
                className="body",
            ),
            _footer(catalog, state),
        ],
        className="app embed" if state.embed else "app",
        lang=lang,
    )
