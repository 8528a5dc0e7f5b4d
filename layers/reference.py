"""Reference places that every panel measures to (geodata/reference_points.json).

A reference is a point from a cited source (`point`), a feature of the layers (`feature`), or
the coast of a land mass of the basemap (`coast_of`: a point on that land; `within`: a box the
coast is cut to), so that "the nearest coast of Taiwan" is measured, not assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, transform

from layers.catalog import Reference
from layers.geodesy import distance_km
from layers.problems import Problem
from layers.schema import check_value

NAME = "reference_points.json"
_FIELDS = {"id", "name_en", "name_ja", "point", "feature", "coast_of", "within", "sources", "note"}


@dataclass(frozen=True)
class ReferenceShape:
    id: str
    name_en: str
    name_ja: str
    shape: BaseGeometry  # a point, or the coastline to measure to
    sources: tuple[str, ...]

    def plain(self) -> Reference:
        """The reference without its geometry, as the catalog keeps it."""
        coast = self.shape.geom_type != "Point"
        return Reference(self.id, self.name_en, self.name_ja, self.sources, coast)


def _lonlat(value: Any) -> tuple[float, float] | None:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    return (float(value[0]), float(value[1])) if ok else None


def _land(basemap: Path) -> list[BaseGeometry]:
    """The basemap's land polygons (GEOS reads the GeoJSON: much faster than shape())."""
    collection = shapely.from_geojson((basemap / "land.geojson").read_text(encoding="utf-8"))
    return list(shapely.get_parts(shapely.get_parts(collection)))


def check_references(
    raw: Any,
    sources: dict[str, Any],
    features: dict[str, dict[str, Any]],
    basemap: Path,
) -> tuple[list[ReferenceShape], list[Problem]]:
    if not isinstance(raw, list):
        return [], [Problem(NAME, "must be a JSON list")]
    land: list[BaseGeometry] | None = None
    refs, problems = [], []
    for n, item in enumerate(raw):
        where = item.get("id", f"#{n}") if isinstance(item, dict) else f"#{n}"
        if not isinstance(item, dict):
            problems.append(Problem(NAME, "must be an object", where))
            continue
        found = [Problem(NAME, "unknown field", where, k) for k in item if k not in _FIELDS]
        for key, kind in (("id", "slug"), ("name_en", "text"), ("name_ja", "japanese")):
            reason = check_value(kind, item.get(key))
            if reason:
                found.append(Problem(NAME, reason, where, key))
        kinds = [k for k in ("point", "feature", "coast_of") if k in item]
        if len(kinds) != 1:
            found.append(Problem(NAME, "needs exactly one of point, feature, coast_of", where))
        cited = item.get("sources", [])
        if "feature" not in item and check_value("sources", cited):
            found.append(Problem(NAME, "must cite at least one source", where, "sources"))
        found += [
            Problem(NAME, f"source {sid!r} is not in sources.json", where, "sources")
            for sid in cited
            if sid not in sources
        ]
        geometry: BaseGeometry | None = None
        if "point" in item and (xy := _lonlat(item["point"])):
            geometry = Point(xy)
        elif "feature" in item and (feature := features.get(item["feature"])):
            geometry = Point(feature["lon"], feature["lat"])
            cited = feature["sources"]
        elif "coast_of" in item and (xy := _lonlat(item["coast_of"])):
            land = _land(basemap) if land is None else land
            holder = [p for p in land if p.covers(Point(xy))]
            if holder:
                geometry = holder[0].exterior
                within = item.get("within")
                if within is not None:
                    ok = isinstance(within, list) and len(within) == 4
                    geometry = geometry.intersection(box(*within)) if ok else None
        if geometry is None or geometry.is_empty:
            found.append(Problem(NAME, "its point, feature or coast cannot be found", where))
        problems += found
        if not found:
            refs.append(
                ReferenceShape(item["id"], item["name_en"], item["name_ja"], geometry, tuple(cited))
            )
    return refs, problems


@cache
def _to_local(lon: float, lat: float) -> Transformer:
    """Lon/lat to an azimuthal equidistant plane centred on a point (metres)."""
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    return Transformer.from_crs("EPSG:4326", local, always_xy=True)


def nearest_on(lon: float, lat: float, shape: BaseGeometry) -> tuple[float, float, float]:
    """(km, lon, lat): the geodesic distance from a point to the nearest point of a shape.

    The nearest point is found in an azimuthal equidistant plane centred on the point (distances
    from the centre are true there), then measured on the ellipsoid.
    """
    forward = _to_local(round(lon, 5), round(lat, 5))
    backward = Transformer.from_crs(forward.target_crs, "EPSG:4326", always_xy=True)
    local = transform(forward.transform, shape)
    if local.covers(Point(0, 0)):
        return 0.0, lon, lat
    near = nearest_points(local.boundary if local.area else local, Point(0, 0))[0]
    near_lon, near_lat = backward.transform(near.x, near.y)
    return distance_km(lon, lat, near_lon, near_lat), near_lon, near_lat


def distances_from(
    references: list[ReferenceShape], lon: float, lat: float
) -> list[tuple[ReferenceShape, float]]:
    """Geodesic km from a point to each reference (to the nearest point of a coast)."""
    return [(ref, nearest_on(lon, lat, ref.shape)[0]) for ref in references]
