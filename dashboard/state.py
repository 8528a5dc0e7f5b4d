"""One view state: what the map shows, parsed from the URL and written back to it.

URL contract (see README): layers, view=lat,lon,zoom, select, lang, basemap, embed, and the filters
operator, status, kind (comma lists). Anything unknown, malformed or hostile is ignored and the
default used; nothing from the URL is echoed without being matched against a known value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from layers import Catalog

LANGS = ("en", "ja")
BASEMAPS = ("offline", "streets", "light", "satellite")
SELECT_ZOOM = 9.0
FIRST_YEAR = 1945
RING_CHOICES = (100, 300, 500, 1000)
MAX_PARAM = 2000  # longer values are ignored outright
_ID = re.compile(r"^[a-z0-9_-]{1,80}$")


@dataclass(frozen=True)
class View:
    lat: float = 33.0
    lon: float = 135.5
    zoom: float = 3.7

    def as_param(self) -> str:
        def short(value: float, decimals: int) -> str:
            return f"{value:.{decimals}f}".rstrip("0").rstrip(".")

        return f"{short(self.lat, 5)},{short(self.lon, 5)},{short(self.zoom, 2)}"


@dataclass(frozen=True)
class ViewState:
    layers: tuple[str, ...]
    view: View = field(default_factory=View)
    select: str | None = None
    lang: str = "en"
    basemap: str = "offline"
    embed: bool = False
    operators: tuple[str, ...] = ()  # empty: no filter
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    year: int | None = None  # None: the present
    rings: tuple[int, ...] = ()  # range rings (km) around the selected place
    measure: tuple[str, ...] = ()  # up to two place ids to measure between

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)


def default_state(catalog: Catalog) -> ViewState:
    visible = tuple(lid for lid, layer in catalog.layers.items() if layer.spec.default_visible)
    return ViewState(layers=visible)


def _first(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    if not values or len(values[0]) > MAX_PARAM:
        return None
    return values[0]


def _known_list(raw: str | None, allowed: set[str] | tuple[str, ...]) -> tuple[str, ...] | None:
    """A comma list keeping only known values, in the order of `allowed`; None if absent."""
    if raw is None:
        return None
    wanted = {part.strip() for part in raw.split(",")}
    return tuple(v for v in allowed if v in wanted)


def parse_view(raw: str | None) -> View | None:
    if raw is None:
        return None
    parts = raw.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = (float(p) for p in parts)
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (lat, lon, zoom)):
        return None
    if not (-85 <= lat <= 85 and -180 <= lon <= 180 and 0 <= zoom <= 20):
        return None
    return View(round(lat, 5), round(lon, 5), round(zoom, 2))


def from_query(query: str | None, catalog: Catalog) -> ViewState:
    """The view state a URL query string asks for; unknown or bad values fall back to defaults."""
    state = default_state(catalog)
    if not query:
        return state
    try:
        params = parse_qs(query.lstrip("?"), keep_blank_values=True, max_num_fields=50)
    except ValueError:
        return state
    values = filter_values(catalog)
    raw_layers = _first(params, "layers")
    layers = _known_list(raw_layers, tuple(catalog.layers))
    if layers == () and raw_layers and raw_layers.strip():
        layers = None  # only unknown ids: ignored (an empty value means "no layers")
    select = _first(params, "select")
    changes: dict[str, object] = {}
    if layers is not None:
        changes["layers"] = layers
    view = parse_view(_first(params, "view"))
    if select and _ID.match(select) and catalog.layer_of(select) is not None:
        changes["select"] = select
        if view is None:  # open on the selected place
            feature = catalog.feature(select)
            assert feature is not None
            view = View(feature["lat"], feature["lon"], SELECT_ZOOM)
    if view is not None:
        changes["view"] = view
    if (lang := _first(params, "lang")) in LANGS:
        changes["lang"] = lang
    if (basemap := _first(params, "basemap")) in BASEMAPS:
        changes["basemap"] = basemap
    if _first(params, "embed") in ("1", "true"):
        changes["embed"] = True
    for key, name in (("operator", "operators"), ("status", "statuses"), ("kind", "kinds")):
        chosen = _known_list(_first(params, key), values[name])
        if chosen:
            changes[name] = chosen
    if (year := parse_year(_first(params, "year"))) is not None:
        changes["year"] = year
    rings = _known_list(_first(params, "rings"), tuple(str(r) for r in RING_CHOICES))
    if rings:
        changes["rings"] = tuple(int(r) for r in rings)
    measure = [m for m in (_first(params, "measure") or "").split(",") if _ID.match(m)]
    measure = [m for m in measure if catalog.layer_of(m) is not None]
    if len(measure) == 2 and measure[0] != measure[1]:
        changes["measure"] = tuple(measure)
    return state.with_(**changes)


def parse_year(raw: str | None) -> int | None:
    """A year from FIRST_YEAR to this year; the current year or anything else means None."""
    if raw is None or not raw.isdigit() or len(raw) != 4:
        return None
    year = int(raw)
    return year if FIRST_YEAR <= year < date.today().year else None


def to_query(state: ViewState, catalog: Catalog) -> str:
    """The URL query string for a state, leaving out what equals the default."""
    default = default_state(catalog)
    params: dict[str, str] = {}
    if state.layers != default.layers:
        params["layers"] = ",".join(state.layers)
    if state.view != default.view:
        params["view"] = state.view.as_param()
    if state.select:
        params["select"] = state.select
    if state.lang != default.lang:
        params["lang"] = state.lang
    if state.basemap != default.basemap:
        params["basemap"] = state.basemap
    if state.embed:
        params["embed"] = "1"
    for key, values in (
        ("operator", state.operators),
        ("status", state.statuses),
        ("kind", state.kinds),
    ):
        if values:
            params[key] = ",".join(values)
    if state.year is not None:
        params["year"] = str(state.year)
    if state.rings:
        params["rings"] = ",".join(str(r) for r in state.rings)
    if len(state.measure) == 2:
        params["measure"] = ",".join(state.measure)
    return "?" + urlencode(params, safe=",") if params else ""


def filter_values(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Every operator, status and kind present in the data, in a stable order."""
    found: dict[str, set[str]] = {"operators": set(), "statuses": set(), "kinds": set()}
    for feature in catalog.features():
        if feature.get("operator"):
            found["operators"].add(feature["operator"])
        found["statuses"].add(feature["status"])
        found["kinds"].add(feature["kind"])
    return {k: tuple(sorted(v)) for k, v in found.items()}
