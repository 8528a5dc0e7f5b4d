"""Reference places that every panel measures to (geodata/reference_points.json).

A reference is a point from a cited source (`point`), a feature of the layers (`feature`), or
the coast of a land mass of the basemap (`coast_of`: a point on that land; `within`: a box the
coast is cut to), so that "the nearest coast of Taiwan" is measured, not assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from layers.catalog import Reference
from layers.geodesy import geod
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


# Places are measured from a plane centred among the places of a 4-degree cell. Against a plane
# centred on each place itself (where distances from the centre are true), the distances differ
# by less than one part in a million across the region (tests/test_time_and_distance.py).
_CELL_DEGREES = 4.0


def _plane(lon: float, lat: float) -> CRS:
    return CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")


def _nearest_in_plane(
    parts: list[np.ndarray], lons: np.ndarray, lats: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For points close together: lon/lat of the nearest coast point, found in a plane
    centred among them."""
    forward = Transformer.from_crs(
        "EPSG:4326", _plane(float(lons.mean()), float(lats.mean())), always_xy=True
    )
    ends = []
    for part in parts:
        xy = np.column_stack(forward.transform(part[:, 0], part[:, 1]))
        ends.append(np.stack([xy[:-1], xy[1:]], axis=1))
    segments = shapely.linestrings(np.concatenate(ends))
    points = shapely.points(*forward.transform(lons, lats))
    (which, nearest) = shapely.STRtree(segments).query_nearest(points, all_matches=False)
    on_segment = shapely.get_point(shapely.shortest_line(points[which], segments[nearest]), 1)
    backward = Transformer.from_crs(forward.target_crs, "EPSG:4326", always_xy=True)
    near_lon, near_lat = backward.transform(*shapely.get_coordinates(on_segment).T)
    order = np.argsort(which)
    return near_lon[order], near_lat[order]


def coast_km(coast: BaseGeometry, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Geodesic km from each point to the nearest point of a coastline (lines or polygons).

    Points are taken a cell at a time; the nearest point of the coast is found in
    a plane centred on the cell's points and measured to on the WGS 84 ellipsoid.
    """
    if coast.area:
        coast = coast.boundary
    parts = [np.asarray(line.coords)[:, :2] for line in shapely.get_parts(coast)]
    cells = np.floor(np.column_stack([lons, lats]) / _CELL_DEGREES)
    _, cell_of = np.unique(cells, axis=0, return_inverse=True)
    near_lon, near_lat = np.empty(len(lons)), np.empty(len(lons))
    for cell in range(cell_of.max(initial=-1) + 1):
        members = np.flatnonzero(cell_of.ravel() == cell)
        near_lon[members], near_lat[members] = _nearest_in_plane(
            parts, lons[members], lats[members]
        )
    return geod().inv(lons, lats, near_lon, near_lat)[2] / 1000.0


def distances_from(
    references: list[ReferenceShape], lons: list[float], lats: list[float]
) -> list[list[float]]:
    """Per reference, the geodesic km from each point to it (to the nearest point of a coast)."""
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    out = []
    for ref in references:
        if ref.shape.geom_type == "Point":
            to_x, to_y = np.full_like(x, ref.shape.x), np.full_like(y, ref.shape.y)
            out.append((geod().inv(x, y, to_x, to_y)[2] / 1000.0).tolist())
        else:
            out.append(coast_km(ref.shape, x, y).tolist())
    return out
