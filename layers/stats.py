"""Figures computed from the data, to be checked against the official ones."""

from __future__ import annotations

from typing import Any

from layers.catalog import Catalog


def _year_or_date_before(value: str, day: str) -> bool:
    """Whether a year or ISO date falls on or before an ISO day (a bare year counts as Jan 1)."""
    return value[:10] <= day if len(value) == 10 else value <= day[: len(value)]


def exclusive_use_on(catalog: Catalog, day: str) -> list[dict[str, Any]]:
    """The U.S. exclusive-use facilities in force on an ISO day, as whole facilities.

    Returned parts of a facility (`part_of`) are not facilities of their own; a facility counts
    from its `opened` year until its `returned` date.
    """
    out = []
    for feature in catalog.features():
        if feature.get("use") != "exclusive" or feature.get("part_of"):
            continue
        opened, returned = feature.get("opened"), feature.get("returned")
        if opened and not _year_or_date_before(opened, day):
            continue
        if returned and _year_or_date_before(returned, day):
            continue
        out.append(feature)
    return out


def unsourced_facts(feature: dict[str, Any]) -> list[str]:
    """The facts a place should carry that no source read so far gives, in panel order.

    A U.S. exclusive-use facility still in use should have its FAC number and a dated area;
    every site but an island, a planned base or one being built should have its opening.
    """
    facility = (
        feature.get("use") == "exclusive"
        and not feature.get("part_of")
        and feature.get("status") != "returned"
    )
    site = feature.get("kind") != "island" and feature.get("status") not in (
        "planned",
        "under_construction",
    )
    expected = [("fac_code", facility), ("area_km2", facility), ("opened", site)]
    return [key for key, wanted in expected if wanted and not feature.get(key)]
