"""The feature schema: which properties each kind of layer carries and what values they take."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

KINDS = frozenset(
    {
        "air_base", "naval_base", "army_post", "marine_camp", "training_area", "range",
        "ammunition_depot", "fuel_depot", "port", "housing", "communications", "radar",
        "logistics", "headquarters", "recreation", "garrison", "island", "other",
    }
)  # fmt: skip
# "US forces": a U.S. facility whose sources do not name the service that runs it
US_OPERATORS = frozenset(
    {"US Air Force", "US Navy", "US Marine Corps", "US Army", "US forces", "shared"}
)
SDF_OPERATORS = frozenset({"JGSDF", "JMSDF", "JASDF", "shared"})
STATUSES = frozenset({"active", "under_construction", "planned", "partially_returned", "returned"})
ISLAND_STATUSES = frozenset({"disputed"})  # sovereignty or status contested
USES = frozenset({"exclusive", "temporary"})
PARTIES = frozenset({"Japan", "China", "Taiwan", "South Korea", "Russia"})

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FAC = re.compile(r"^FAC \d{4}$")
_YEAR_OR_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

Check = Callable[[Any], str | None]  # returns the reason a value is wrong, or None


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be non-empty text"


def _japanese(value: Any) -> str | None:
    if _text(value):
        return _text(value)
    return None if _JAPANESE.search(value) else "must contain Japanese script (kana or kanji)"


def _slug(value: Any) -> str | None:
    ok = isinstance(value, str) and _SLUG.match(value)
    return None if ok else "must be a lowercase slug like 'kadena-air-base'"


def _one_of(allowed: frozenset[str]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"must be one of {sorted(allowed)}, not {value!r}"

    return check


def _text_list(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return None if ok else "must be a list of non-empty texts"


def _sources(value: Any) -> str | None:
    if _text_list(value) or not value:
        return "must cite at least one source (a list of ids from sources.json)"
    return None


def _positive(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    return None if ok else "must be a positive number"


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _year_or_date(value: Any) -> str | None:
    if isinstance(value, str) and _YEAR_OR_DATE.match(value):
        year = int(value[:4])
        if 1850 <= year <= date.today().year + 15:
            return None
    return "must be a year (YYYY) or an ISO date (YYYY-MM or YYYY-MM-DD)"


def _fac(value: Any) -> str | None:
    return None if isinstance(value, str) and _FAC.match(value) else "must look like 'FAC 6037'"


def _parties(value: Any) -> str | None:
    if not isinstance(value, list) or len(set(value)) != len(value):
        return "must be a list of distinct parties"
    bad = [v for v in value if v not in PARTIES]
    return f"unknown parties {bad}; allowed: {sorted(PARTIES)}" if bad else None


def _names(value: Any) -> str | None:
    if not isinstance(value, dict) or not value:
        return "must map each party to its name"
    for party, entry in value.items():
        if party not in PARTIES:
            return f"unknown party {party!r}"
        if not isinstance(entry, dict) or _text(entry.get("name")) or _text(entry.get("local")):
            return f"{party}: must be {{'name': ..., 'local': ...}} with both texts"
        if set(entry) - {"name", "local"}:
            return f"{party}: only 'name' and 'local' are allowed"
    return None


def _positions(text_check: Check, empty: str, each: str) -> Check:
    """A map of each party to a sentence on its position, each sentence passing `text_check`."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict) or not value:
            return empty
        for party, text in value.items():
            if party not in PARTIES or text_check(text):
                return f"{party!r}: {each}"
        return None

    return check


_claims = _positions(
    _text, "must map each party to a sentence on its position",
    "must be a known party with a non-empty sentence",
)  # fmt: skip
_claims_ja = _positions(
    _japanese, "must map each party to its position in Japanese",
    "must be a known party with a sentence in Japanese script",
)  # fmt: skip


def _by_party(value: Any) -> str | None:
    ok = (
        isinstance(value, dict)
        and value
        and all(p in PARTIES and not _text(t) for p, t in value.items())
    )
    return None if ok else "must map known parties to non-empty texts"


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


COMMON: dict[str, Field] = {
    "id": Field(_slug, True),
    "name_en": Field(_text, True),
    "name_ja": Field(_japanese, True),
    "aliases": Field(_text_list),
    "kind": Field(_one_of(KINDS), True),
    "status": Field(_one_of(STATUSES), True),
    "sources": Field(_sources, True),
    "position_basis": Field(_text, True),
    "position_basis_ja": Field(_japanese),
    "position_precision_m": Field(_positive),
    "prefecture": Field(_text),
    "municipality": Field(_text),
    "municipality_ja": Field(_japanese),
    "area_km2": Field(_positive),
    "area_as_of": Field(_year_or_date),
    "position_source": Field(_slug, True),
    "opened": Field(_year_or_date),
    "returned": Field(_year_or_date),
    "units": Field(_text_list),
    "part_of": Field(_slug),  # a returned part of another feature (e.g. land cut from a camp)
    "summary_en": Field(_text),
    "summary_ja": Field(_japanese),
    "significance": Field(_text),
    "significance_ja": Field(_japanese),
}

SCHEMAS: dict[str, dict[str, Field]] = {
    "us_facility": COMMON
    | {
        "operator": Field(_one_of(US_OPERATORS | SDF_OPERATORS), True),
        "use": Field(_one_of(USES), True),
        "joint_use": Field(_bool),
        "fac_code": Field(_fac),
    },
    "sdf_base": COMMON | {"operator": Field(_one_of(SDF_OPERATORS), True)},
    "island": COMMON
    | {
        "administered_by": Field(_one_of(PARTIES), True),
        "claimed_by": Field(_parties, True),
        "names": Field(_names, True),
        "claims": Field(_claims, True),
        "claims_ja": Field(_claims_ja, True),
        "us_position": Field(_text),
        "us_position_ja": Field(_japanese),
        "municipality_by_party": Field(_by_party),
        "status": Field(_one_of(ISLAND_STATUSES), True),
    },
}


def check_properties(schema: str, props: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, reason) for every problem in one feature's properties."""
    fields = SCHEMAS[schema]
    found = [(k, "unknown field") for k in props if k not in fields]
    found += [(k, "missing") for k, f in fields.items() if f.required and k not in props]
    for key, value in props.items():
        if key in fields and value is not None:
            reason = fields[key].check(value)
            if reason:
                found.append((key, reason))
        elif key in fields and fields[key].required:
            found.append((key, "must not be null"))
    found += _cross_field(schema, props)
    return found


def _cross_field(schema: str, props: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    if props.get("area_km2") is not None and props.get("area_as_of") is None:
        found.append(("area_as_of", "an area needs the date it is valid for"))
    if props.get("returned") is not None and props.get("status") not in {
        "returned",
        "partially_returned",
    }:
        found.append(("status", "a feature with 'returned' must be returned or partially_returned"))
    if props.get("status") == "returned" and props.get("returned") is None:
        found.append(("returned", "a returned feature needs the year it was returned"))
    exclusive = schema == "us_facility" and props.get("use") == "exclusive"
    if exclusive and props.get("operator") not in US_OPERATORS:
        found.append(("operator", "an exclusive-use facility is run by a U.S. service"))
    sources = props.get("sources")
    position_source = props.get("position_source")
    if position_source and isinstance(sources, list) and position_source not in sources:
        found.append(("position_source", "must be one of the feature's sources"))
    if schema == "island":
        found += check_island_parties(props)
        parties = {props.get("administered_by"), *(props.get("claimed_by") or [])}
        names, claims = props.get("names") or {}, props.get("claims") or {}
        for party in sorted(p for p in parties if isinstance(p, str)):
            if isinstance(names, dict) and party not in names:
                found.append(("names", f"no name given for {party}"))
            if isinstance(claims, dict) and party not in claims:
                found.append(("claims", f"no position given for {party}"))
        claims_ja = props.get("claims_ja")
        both = isinstance(claims, dict) and isinstance(claims_ja, dict)
        if both and set(claims_ja) != set(claims):
            found.append(("claims_ja", "must give the same parties' positions as 'claims'"))
    return found


def check_island_parties(props: dict[str, Any]) -> list[tuple[str, str]]:
    """An island's administering party is not also one of its claimants."""
    claimed = props.get("claimed_by")
    if isinstance(claimed, list) and props.get("administered_by") in claimed:
        return [("claimed_by", "must not repeat the administering party")]
    return []


_NAMED_CHECKS: dict[str, Check] = {
    "slug": _slug,
    "text": _text,
    "japanese": _japanese,
    "sources": _sources,
    "year_or_date": _year_or_date,
}


def check_value(kind: str, value: Any) -> str | None:
    """Check one value with a named check (for files other than the layers)."""
    return _NAMED_CHECKS[kind](value)
