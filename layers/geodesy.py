"""Geodesic distances, range rings and great-circle lines on the WGS 84 ellipsoid (pyproj)."""

from __future__ import annotations

from functools import cache

from pyproj import CRS, Geod, Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, transform

GEOD = Geod(ellps="WGS84")


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points, in km."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def ring(lon: float, lat: float, radius_km: float, points: int = 181) -> tuple[list, list]:
    """(lons, lats) of the closed geodesic circle of `radius_km` around a point."""
    step = 360.0 / (points - 1)
    azimuths = [i * step for i in range(points)]
    lons, lats, _ = GEOD.fwd(
        [lon] * points, [lat] * points, azimuths, [radius_km * 1000.0] * points
    )
    return [round(x, 5) for x in lons], [round(y, 5) for y in lats]


def great_circle(
    lon1: float, lat1: float, lon2: float, lat2: float, points: int = 64
) -> tuple[list, list]:
    """(lons, lats) along the geodesic between two points, both ends included."""
    inner = GEOD.npts(lon1, lat1, lon2, lat2, max(points - 2, 0))
    lons = [lon1, *(p[0] for p in inner), lon2]
    lats = [lat1, *(p[1] for p in inner), lat2]
    return [round(x, 5) for x in lons], [round(y, 5) for y in lats]


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
