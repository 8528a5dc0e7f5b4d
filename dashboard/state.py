"""One view state: what the map shows, parsed from the URL and written back to it.

URL contract (see README): layers, view=lat,lon,zoom, select, lang, basemap, embed, and the filters
operator, status, kind (comma lists). Anything unknown, malformed or hostile is ignored and the
default used; nothing from the URL is echoed without being matched against a known value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from layers import Catalog

LANGS = ("en", "ja")
BASEMAPS = ("offline", "streets", "light", "satellite")
SELECT_ZOOM = 9.0
MAX_PARAM = 2000  # longer values are ignored outright
_ID = re.compile(r"^[a-z0-9_-]{1,80}$")


@dataclass(frozen=True)
class View:
    lat: float = 33.0
    lon: float = 135.5
    zoom: float = 3.7

    def as_param(self) -> str:
        return f"{self.lat:.4f},{self.lon:.4f},{self.zoom:.2f}"


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
    return state.with_(**changes)


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
    return "?" + urlencode(params, safe=",") if params else ""


def filter_values(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Every operator, status and kind present in the data, in a stable order."""
    found: dict[str, set[str]] = {"operators": set(), "statuses": set(), "kinds": set()}
    for layer in catalog.layers.values():
        frame = layer.frame
        if "operator" in frame:
            found["operators"].update(v for v in frame["operator"].dropna())
        found["statuses"].update(frame["status"].dropna())
        found["kinds"].update(frame["kind"].dropna())
    return {k: tuple(sorted(v)) for k, v in found.items()}
