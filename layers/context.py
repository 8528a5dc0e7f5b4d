"""Key figures and the timeline of the alliance (geodata/figures.json, geodata/timeline.json)."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Any

from layers.problems import Problem
from layers.schema import check_value

FIGURES = "figures.json"
TIMELINE = "timeline.json"


@dataclass(frozen=True)
class Figure:
    id: str
    value_en: str
    value_ja: str
    label_en: str
    label_ja: str
    sources: list[str]
    as_of: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Event:
    date: str
    title_en: str
    title_ja: str
    text_en: str
    text_ja: str
    sources: list[str]
    place: str | None = None

    @property
    def year(self) -> int:
        return int(self.date[:4])


_FIGURE_CHECKS = {
    "id": "slug", "value_en": "text", "value_ja": "text", "label_en": "text",
    "label_ja": "japanese", "sources": "sources", "as_of": "text", "note": "text",
}  # fmt: skip
_EVENT_CHECKS = {
    "date": "year_or_date", "title_en": "text", "title_ja": "japanese", "text_en": "text",
    "text_ja": "japanese", "sources": "sources", "place": "slug",
}  # fmt: skip


def _check_items(
    raw: Any, name: str, checks: dict[str, str], cls: type, sources: dict[str, Any]
) -> tuple[list[Any], list[Problem]]:
    if not isinstance(raw, list):
        return [], [Problem(name, "must be a JSON list")]
    required = [f.name for f in fields(cls) if f.default is MISSING]
    items, problems = [], []
    for n, item in enumerate(raw):
        where = f"#{n}"
        if not isinstance(item, dict):
            problems.append(Problem(name, "must be an object", where))
            continue
        found = [Problem(name, "unknown field", where, k) for k in item if k not in checks]
        found += [Problem(name, "missing", where, k) for k in required if k not in item]
        for key, kind in checks.items():
            reason = check_value(kind, item[key]) if key in item else None
            if reason:
                found.append(Problem(name, reason, where, key))
        for sid in item.get("sources") or []:
            if sid not in sources:
                found.append(Problem(name, f"source {sid!r} is not in sources.json", where))
        problems += found
        if not found:
            items.append(cls(**item))
    return items, problems


def check_figures(raw: Any, sources: dict[str, Any]) -> tuple[list[Figure], list[Problem]]:
    return _check_items(raw, FIGURES, _FIGURE_CHECKS, Figure, sources)


def check_timeline(raw: Any, sources: dict[str, Any]) -> tuple[list[Event], list[Problem]]:
    events, problems = _check_items(raw, TIMELINE, _EVENT_CHECKS, Event, sources)
    return sorted(events, key=lambda e: e.date), problems
