"""Geometry checks: valid, non-empty, inside the map's region, not swapped, at most 5 decimals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

# The region the dashboard covers: Japan, its southwestern and northern islands, Okinotorishima.
LON_MIN, LON_MAX = 118.0, 156.0
LAT_MIN, LAT_MAX = 18.0, 50.0
MAX_DECIMALS = 5
GEOMETRY_TYPES = frozenset({"Point", "Polygon", "MultiPolygon"})


def _positions(coords: Any) -> Iterator[Any]:
    if isinstance(coords, list) and coords and isinstance(coords[0], int | float):
        yield coords
    elif isinstance(coords, list):
        for item in coords:
            yield from _positions(item)
    else:
        yield coords


def _in_region(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX


def check_geometry(geometry: Any) -> tuple[BaseGeometry | None, list[str]]:
    """Return the shapely geometry (or None) and every reason it is unfit."""
    if not isinstance(geometry, dict):
        return None, ["missing geometry"]
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return None, [f"geometry type must be one of {sorted(GEOMETRY_TYPES)}, not {kind!r}"]
    reasons = []
    for pos in _positions(geometry.get("coordinates")):
        numeric = isinstance(pos, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in pos
        )
        if not numeric or len(pos) not in (2, 3):
            return None, [f"malformed position {pos!r}"]
        lon, lat = pos[0], pos[1]
        if not _in_region(lon, lat):
            hint = " (looks like lat/lon swapped)" if _in_region(lat, lon) else ""
            reasons.append(f"position {lon}, {lat} is outside the region{hint}")
        if any(round(v, MAX_DECIMALS) != v for v in (lon, lat)):
            reasons.append(f"position {lon}, {lat} has more than {MAX_DECIMALS} decimals")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        return None, [*reasons, f"unreadable geometry: {exc}"]
    if geom.is_empty:
        reasons.append("empty geometry")
    elif not geom.is_valid:
        reasons.append(f"invalid geometry: {shapely.is_valid_reason(geom)}")
    return geom, reasons
