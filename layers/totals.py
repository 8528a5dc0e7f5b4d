"""Official totals the data is checked against and the overview quotes (official_totals.json)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layers.problems import Problem

NAME = "official_totals.json"
ROUNDING_THOUSAND_M2 = 2  # the Ministry rounds each prefecture to 1,000 m²


@dataclass(frozen=True)
class ExclusiveUseTotals:
    as_of: str
    count: int
    area_thousand_m2: int
    okinawa_count: int
    okinawa_area_thousand_m2: int
    sources: list[str]
    area_by_prefecture_thousand_m2: dict[str, int]
    area_by_prefecture_sources: list[str]
    note: str

    @property
    def okinawa_share(self) -> float:
        """Okinawa's share of the exclusive-use area, in percent."""
        return 100.0 * self.okinawa_area_thousand_m2 / self.area_thousand_m2


def check_totals(
    raw: Any, sources: dict[str, Any]
) -> tuple[ExclusiveUseTotals | None, list[Problem]]:
    block = raw.get("exclusive_use") if isinstance(raw, dict) else None
    if not isinstance(block, dict):
        return None, [Problem(NAME, "must hold an 'exclusive_use' object")]
    fields = ExclusiveUseTotals.__dataclass_fields__
    problems = [Problem(NAME, "missing", "exclusive_use", k) for k in fields if k not in block]
    problems += [
        Problem(NAME, "unknown field", "exclusive_use", k) for k in block if k not in fields
    ]
    if problems:
        return None, problems
    totals = ExclusiveUseTotals(**block)
    counts = (totals.count, totals.area_thousand_m2, totals.okinawa_count)
    if not all(isinstance(n, int) and n > 0 for n in counts):
        problems.append(
            Problem(NAME, "counts and areas must be positive integers", "exclusive_use")
        )
    by_pref = totals.area_by_prefecture_thousand_m2
    if abs(sum(by_pref.values()) - totals.area_thousand_m2) > ROUNDING_THOUSAND_M2:
        problems.append(
            Problem(NAME, "prefecture areas do not add up to the total", "exclusive_use")
        )
    if by_pref.get("Okinawa") != totals.okinawa_area_thousand_m2:
        problems.append(
            Problem(NAME, "Okinawa's area differs from its prefecture row", "exclusive_use")
        )
    for sid in [*totals.sources, *totals.area_by_prefecture_sources]:
        if sid not in sources:
            problems.append(
                Problem(NAME, f"source {sid!r} is not in sources.json", "exclusive_use")
            )
    return (None if problems else totals), problems
