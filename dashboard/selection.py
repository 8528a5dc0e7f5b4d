"""Which features a view state shows: layer toggles and filters applied to the catalog."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from dashboard.state import ViewState
from layers import Catalog


def in_year(feature: dict[str, Any], year: int | None) -> bool:
    """Whether a place existed in a year (None: the present).

    Islands are always there; a planned or unfinished base only in the present; a facility from
    its opening year until the year it was returned. A facility whose opening year no source gave
    is shown in every year (its panel says the year is unknown).
    """
    if year is None or feature["kind"] == "island":
        return True
    if feature["status"] in ("planned", "under_construction"):
        return False
    opened, returned = feature.get("opened"), feature.get("returned")
    if opened and int(opened[:4]) > year:
        return False
    return not (returned and int(returned[:4]) <= year)


def shown(catalog: Catalog, state: ViewState) -> dict[str, gpd.GeoDataFrame]:
    """Per visible layer (in catalog order), the rows that pass every filter and the year."""
    out = {}
    for layer_id, layer in catalog.layers.items():
        if layer_id not in state.layers:
            continue
        frame = layer.frame
        keep = pd.Series(True, index=frame.index)
        if state.statuses:
            keep &= frame["status"].isin(state.statuses)
        if state.kinds:
            keep &= frame["kind"].isin(state.kinds)
        if state.operators:
            keep &= frame["operator"].isin(state.operators) if "operator" in frame else False
        if state.year is not None:
            existed = [in_year(catalog.feature(fid), state.year) for fid in frame.index]
            keep &= pd.Series(existed, index=frame.index)
        out[layer_id] = frame[keep]
    return out


def counts(catalog: Catalog, state: ViewState) -> dict[str, int]:
    """How many features each layer shows under the current filters (toggled on or not)."""
    everything = state.with_(layers=tuple(catalog.layers))
    return {lid: len(frame) for lid, frame in shown(catalog, everything).items()}
