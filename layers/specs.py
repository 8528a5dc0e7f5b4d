"""Declarative layer specs: one small TOML file per layer in layers/specs/.

A spec names the layer's GeoJSON file, its titles and description in English and Japanese,
its colour and marker, and which feature schema its features follow. Adding a layer means adding
one GeoJSON file to geodata/ and one spec here; nothing else changes.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from layers.problems import GeodataError, Problem
from layers.schema import SCHEMAS

SPEC_DIR = Path(__file__).resolve().parent / "specs"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SYMBOLS = frozenset({"solid", "ring", "bullseye", "outlined"})


@dataclass(frozen=True)
class LayerSpec:
    id: str
    file: str
    schema: str
    order: int
    color: str
    symbol: str
    default_visible: bool
    title_en: str
    title_ja: str
    description_en: str
    description_ja: str

    def title(self, lang: str) -> str:
        return self.title_ja if lang == "ja" else self.title_en

    def description(self, lang: str) -> str:
        return self.description_ja if lang == "ja" else self.description_en


def _parse(path: Path) -> tuple[LayerSpec | None, list[Problem]]:
    name = f"layers/specs/{path.name}"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [Problem(name, f"not valid TOML: {exc}")]
    fields = LayerSpec.__dataclass_fields__
    problems = [Problem(name, "missing", field=k) for k in fields if k not in raw]
    problems += [Problem(name, "unknown field", field=k) for k in raw if k not in fields]
    if problems:
        return None, problems
    checks = [
        (
            "id",
            isinstance(raw["id"], str) and bool(_ID.match(raw["id"])),
            "must be a snake_case id",
        ),
        ("id", raw["id"] == path.stem, f"must match the file name {path.stem!r}"),
        ("schema", raw["schema"] in SCHEMAS, f"must be one of {sorted(SCHEMAS)}"),
        ("color", isinstance(raw["color"], str) and bool(_COLOR.match(raw["color"])), "#rrggbb"),
        ("symbol", raw["symbol"] in _SYMBOLS, f"must be one of {sorted(_SYMBOLS)}"),
        ("order", isinstance(raw["order"], int), "must be an integer"),
        ("default_visible", isinstance(raw["default_visible"], bool), "must be true or false"),
    ]
    checks += [
        (k, isinstance(raw[k], str) and raw[k].strip() != "", "must be non-empty text")
        for k in ("file", "title_en", "title_ja", "description_en", "description_ja")
    ]
    problems = [Problem(name, reason, field=k) for k, ok, reason in checks if not ok]
    if problems:
        return None, problems
    return LayerSpec(**raw), []


def load_specs(spec_dir: Path | None = None) -> list[LayerSpec]:
    """All layer specs, in display order; raises GeodataError on any bad spec.

    The folder is layers/specs/ unless ALLIANCE_MAP_SPECS names another.
    """
    if spec_dir is None:
        spec_dir = Path(os.environ.get("ALLIANCE_MAP_SPECS", SPEC_DIR))
    specs, problems = [], []
    for path in sorted(spec_dir.glob("*.toml")):
        spec, found = _parse(path)
        problems += found
        if spec is not None:
            specs.append(spec)
    if not specs and not problems:
        problems.append(Problem(str(spec_dir), "no layer specs found"))
    if problems:
        raise GeodataError(problems)
    return sorted(specs, key=lambda s: (s.order, s.id))
