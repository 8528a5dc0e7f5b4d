"""Which features a view state shows: layer toggles and filters applied to the catalog."""

from __future__ import annotations

from typing import Any

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


def is_former(feature: dict[str, Any], year: int | None) -> bool:
    """Whether a place is drawn as one already returned: in the present view, returned land."""
    return year is None and feature["status"] == "returned"


def passes(feature: dict[str, Any], state: ViewState) -> bool:
    """Whether a feature passes the state's filters and year (layer toggles aside)."""
    return (
        (not state.statuses or feature["status"] in state.statuses)
        and (not state.kinds or feature["kind"] in state.kinds)
        and (not state.operators or feature.get("operator") in state.operators)
        and in_year(feature, state.year)
    )


def shown(catalog: Catalog, state: ViewState) -> dict[str, list[dict[str, Any]]]:
    """Per visible layer (in catalog order), the features that pass every filter and the year."""
    return {
        layer_id: [f for f in catalog.features(layer_id) if passes(f, state)]
        for layer_id in catalog.layers
        if layer_id in state.layers
    }


def counts(catalog: Catalog, state: ViewState) -> dict[str, int]:
    """How many features each layer shows under the current filters (toggled on or not)."""
    everything = state.with_(layers=tuple(catalog.layers))
    return {lid: len(features) for lid, features in shown(catalog, everything).items()}


def faded_count(catalog: Catalog, state: ViewState) -> int:
    """How many places the map draws faded: land already returned, in the present view only."""
    return sum(1 for fs in shown(catalog, state).values() for f in fs if is_former(f, state.year))
