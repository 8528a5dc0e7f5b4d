"""The validated layers and the sources they cite, as plain Python data.

`load_catalog` validates the geodata with geopandas, shapely and pyproj (`layers.validation`)
and keeps the result as prepared JSON (`layers.prepared`); while no input file changes, the
next start reads that JSON instead, so the dashboard's workers never import the geo stack.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layers.context import Event, Figure
from layers.specs import LayerSpec, load_specs
from layers.totals import ExclusiveUseTotals

if TYPE_CHECKING:
    import geopandas as gpd

DEFAULT_GEODATA = Path(__file__).resolve().parent.parent / "geodata"


def geodata_dir() -> Path:
    """The geodata folder: $ALLIANCE_MAP_GEODATA if set, else the repository's geodata/."""
    return Path(os.environ.get("ALLIANCE_MAP_GEODATA", DEFAULT_GEODATA))


@dataclass(frozen=True)
class Layer:
    spec: LayerSpec
    geojson: tuple[dict[str, Any], ...]  # the validated GeoJSON features, in file order

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """Feature ids in file order."""
        return tuple(f["properties"]["id"] for f in self.geojson)

    @cached_property
    def frame(self) -> gpd.GeoDataFrame:
        """The layer as a GeoDataFrame indexed by feature id (EPSG:4326), for analysis."""
        import geopandas as gpd

        from layers.schema import SCHEMAS

        frame = gpd.GeoDataFrame.from_features(list(self.geojson), crs="EPSG:4326")
        return frame.reindex(columns=["geometry", *SCHEMAS[self.spec.schema]]).set_index("id")


@dataclass(frozen=True)
class Reference:
    """A place every panel measures to; `coast` when it is a coastline, not a point."""

    id: str
    name_en: str
    name_ja: str
    sources: tuple[str, ...]
    coast: bool = False

    def name(self, lang: str) -> str:
        return self.name_ja if lang == "ja" else self.name_en


@dataclass(frozen=True)
class Catalog:
    layers: dict[str, Layer]
    sources: dict[str, dict[str, str]]
    totals: ExclusiveUseTotals | None = None
    figures: list[Figure] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    _features: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    # per feature id: geodesic km to each reference, in the order of `references`
    _distances: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False)

    def layer_of(self, feature_id: str) -> Layer | None:
        feature = self._features.get(feature_id)
        return self.layers[feature["layer"]] if feature else None

    def feature(self, feature_id: str) -> dict[str, Any] | None:
        """A feature's properties plus `layer`, `lon` and `lat` (its representative point)."""
        feature = self._features.get(feature_id)
        return dict(feature) if feature else None

    def features(self, layer_id: str | None = None) -> list[dict[str, Any]]:
        """Every feature (of one layer, or all), as from `feature`, in layer and file order."""
        if layer_id is None:
            return [dict(f) for f in self._features.values()]
        layer = self.layers.get(layer_id)
        return [dict(self._features[i]) for i in layer.ids] if layer else []

    def same_point(self, feature_id: str) -> list[dict[str, Any]]:
        """Other features drawn at exactly this feature's point, as from `feature`: on the map
        their markers coincide at every zoom, so only the top one can be clicked."""
        here = self._features.get(feature_id)
        if here is None:
            return []
        point = (here["lon"], here["lat"])
        return [
            dict(f)
            for fid, f in self._features.items()
            if fid != feature_id and (f["lon"], f["lat"]) == point
        ]

    def distances(self, feature_id: str) -> list[tuple[Reference, float]]:
        """Geodesic km from a feature to each reference (to the nearest point of a coast)."""
        return list(zip(self.references, self._distances.get(feature_id, ()), strict=False))


def load_catalog(
    root: Path | None = None, specs: list[LayerSpec] | None = None, *, prepared: bool = True
) -> Catalog:
    """Load and validate all layers; raise GeodataError listing every problem found.

    With `prepared`, a catalog validated before from the very same files (and code) is read
    from the prepared JSON instead of validated again; a new validation is kept for next time.
    """
    from layers import prepared as kept

    root = geodata_dir() if root is None else root
    specs = load_specs() if specs is None else specs
    key = kept.key(root, specs)
    if prepared and key and (catalog := kept.read(key, specs)):
        return catalog
    from layers.validation import validate

    catalog = validate(root, specs)
    if key:
        kept.write(key, catalog)
    return catalog
