"""Geodesic distances, range rings and great-circle lines on the WGS 84 ellipsoid (pyproj).

pyproj is imported on first use: the dashboard needs it only when rings or a measurement are
asked for.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyproj import Geod


@cache
def geod() -> Geod:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points, in km."""
    return geod().inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def ring(lon: float, lat: float, radius_km: float, points: int = 181) -> tuple[list, list]:
    """(lons, lats) of the closed geodesic circle of `radius_km` around a point."""
    step = 360.0 / (points - 1)
    azimuths = [i * step for i in range(points)]
    lons, lats, _ = geod().fwd(
        [lon] * points, [lat] * points, azimuths, [radius_km * 1000.0] * points
    )
    return [round(x, 5) for x in lons], [round(y, 5) for y in lats]


def great_circle(
    lon1: float, lat1: float, lon2: float, lat2: float, points: int = 64
) -> tuple[list, list]:
    """(lons, lats) along the geodesic between two points, both ends included."""
    inner = geod().npts(lon1, lat1, lon2, lat2, max(points - 2, 0))
    lons = [lon1, *(p[0] for p in inner), lon2]
    lats = [lat1, *(p[1] for p in inner), lat2]
    return [round(x, 5) for x in lons], [round(y, 5) for y in lats]
