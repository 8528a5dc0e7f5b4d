"""Pure builders of the downloadable files: GeoJSON and CSV of features, with their sources."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from layers import Catalog

CSV_COLUMNS = [
    "id", "layer", "name_en", "name_ja", "kind", "operator", "administered_by", "claimed_by",
    "status", "use", "fac_code", "prefecture", "municipality", "area_km2", "area_as_of", "opened",
    "returned", "lon", "lat", "position_basis", "position_precision_m", "sources",
]  # fmt: skip


def _features(catalog: Catalog, feature_ids: Sequence[str]) -> list[dict[str, Any]]:
    return [f for f in (catalog.feature(fid) for fid in feature_ids) if f is not None]


def geojson_text(catalog: Catalog, feature_ids: Sequence[str]) -> str:
    """A FeatureCollection of the given features (points), each with its sources written out."""
    out = []
    for feature in _features(catalog, feature_ids):
        props = {k: v for k, v in feature.items() if k not in ("lon", "lat")}
        props["sources"] = [catalog.sources[s] | {"id": s} for s in feature["sources"]]
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [feature["lon"], feature["lat"]]},
                "properties": props,
            }
        )
    doc = {"type": "FeatureCollection", "features": out}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def csv_text(catalog: Catalog, feature_ids: Sequence[str]) -> str:
    """One row per feature; `sources` holds the source URLs separated by spaces."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for feature in _features(catalog, feature_ids):
        row = dict(feature)
        row["sources"] = " ".join(catalog.sources[s]["url"] for s in feature["sources"])
        if isinstance(row.get("claimed_by"), list):
            row["claimed_by"] = ";".join(row["claimed_by"])
        writer.writerow({k: _cell(row.get(k)) for k in CSV_COLUMNS})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: a cell that starts with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
