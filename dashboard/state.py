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


KM_PER_DEGREE_LAT = 111.2  # near enough to frame a ring; the ring itself is geodesic
TILE_PX = 512  # MapLibre's tile size: the world is TILE_PX * 2**zoom pixels wide
# The map size assumed before its bounds are known: a phone's, so that a ring fits any map.
ASSUMED_MAP_PX = (360, 300)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2))


def ring_zoom(
    lat: float,
    radius_km: float,
    zoom: float,
    bounds: tuple[float, float, float, float] | None = None,
    margin: float = 1.15,
) -> float:
    """The highest zoom at which a ring of `radius_km` around a place at `lat` fits a map
    centred on the place. `bounds` (west, south, east, north) of the map now, at `zoom`, tell
    its size; without them a map of ASSUMED_MAP_PX is assumed."""
    if bounds is not None and bounds[2] > bounds[0] and bounds[3] > bounds[1]:
        west, south, east, north = bounds
        width = (east - west) / 360
        height = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi)
    else:
        width, height = (px / (TILE_PX * 2**zoom) for px in ASSUMED_MAP_PX)
    d_lat = radius_km / KM_PER_DEGREE_LAT
    d_lon = min(180.0, d_lat / max(math.cos(math.radians(lat)), 0.01))
    need_w = 2 * d_lon / 360 * margin
    need_h = (_mercator_y(lat + d_lat) - _mercator_y(lat - d_lat)) / (2 * math.pi) * margin
    fit = zoom + math.log2(min(width / need_w, height / need_h))
    return max(0.0, min(22.0, math.floor(fit * 100) / 100))


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
    rings = _known_list(_first(params, "rings"), tuple(str(r) for r in RING_CHOICES))
    if rings:
        changes["rings"] = tuple(int(r) for r in rings)
    view = parse_view(_first(params, "view"))
    if select and _ID.match(select) and catalog.layer_of(select) is not None:
        changes["select"] = select
        if view is None:  # open on the selected place, with its widest ring in view
            feature = catalog.feature(select)
            assert feature is not None
            zoom = SELECT_ZOOM
            if rings:
                zoom = min(zoom, ring_zoom(feature["lat"], max(changes["rings"]), zoom))
            view = View(feature["lat"], feature["lon"], zoom)
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
