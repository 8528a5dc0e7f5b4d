"""Which features a view state shows: layer toggles and filters applied to the catalog."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.state import ViewState
from layers import Catalog


def shown(catalog: Catalog, state: ViewState) -> dict[str, gpd.GeoDataFrame]:
    """Per visible layer (in catalog order), the rows that pass every filter."""
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
        out[layer_id] = frame[keep]
    return out


def counts(catalog: Catalog, state: ViewState) -> dict[str, int]:
    """How many features each layer shows under the current filters (toggled on or not)."""
    everything = state.with_(layers=tuple(catalog.layers))
    return {lid: len(frame) for lid, frame in shown(catalog, everything).items()}
