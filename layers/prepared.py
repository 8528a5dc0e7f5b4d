"""Validated catalogs kept as JSON, keyed by a digest of every file they were made from.

The key covers the geodata files (basemap included: coasts are measured on it), the layer specs
and the code under layers/, so any change to them means a new validation. The folder is
$ALLIANCE_MAP_CACHE, else $XDG_CACHE_HOME/alliance-map, else ~/.cache/alliance-map. A folder
that cannot be written, or a kept file that cannot be read, only costs a new validation.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from layers.catalog import Catalog, Layer, Reference
from layers.context import Event, Figure
from layers.specs import LayerSpec
from layers.totals import ExclusiveUseTotals

FORMAT = 1
KEEP = 8  # prepared catalogs kept in the folder; older ones are removed
_CODE = Path(__file__).resolve().parent
_DATA_SUFFIXES = (".json", ".geojson")


def folder() -> Path:
    if explicit := os.environ.get("ALLIANCE_MAP_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "alliance-map"


def key(root: Path, specs: list[LayerSpec]) -> str | None:
    """The digest of the inputs, or None when the geodata folder cannot be read."""
    digest = hashlib.sha256(f"{FORMAT}\n{specs!r}\n".encode())
    try:
        data = sorted(
            Path(folder, name)
            for folder, _, names in os.walk(root, followlinks=True)
            for name in names
            if name.endswith(_DATA_SUFFIXES)
        )
        if not data:
            return None
        for path in [*sorted(_CODE.glob("*.py")), *data]:
            digest.update(f"{path.parent.name}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _path(digest: str) -> Path:
    return folder() / f"catalog-{digest}.json"


def to_json(catalog: Catalog) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "layers": {lid: list(layer.geojson) for lid, layer in catalog.layers.items()},
        "sources": catalog.sources,
        "totals": asdict(catalog.totals) if catalog.totals else None,
        "figures": [asdict(f) for f in catalog.figures],
        "timeline": [asdict(e) for e in catalog.timeline],
        "references": [asdict(r) for r in catalog.references],
        "features": catalog._features,
        "distances": catalog._distances,
    }


def from_json(raw: dict[str, Any], specs: list[LayerSpec]) -> Catalog:
    """The catalog kept by `to_json` (KeyError or TypeError if it is not one)."""
    if raw["format"] != FORMAT or list(raw["layers"]) != [s.id for s in specs]:
        raise KeyError("format")
    return Catalog(
        layers={s.id: Layer(s, tuple(raw["layers"][s.id])) for s in specs},
        sources=raw["sources"],
        totals=ExclusiveUseTotals(**raw["totals"]) if raw["totals"] else None,
        figures=[Figure(**f) for f in raw["figures"]],
        timeline=[Event(**e) for e in raw["timeline"]],
        references=[Reference(**(r | {"sources": tuple(r["sources"])})) for r in raw["references"]],
        _features=raw["features"],
        _distances={fid: tuple(km) for fid, km in raw["distances"].items()},
    )


def read(digest: str, specs: list[LayerSpec]) -> Catalog | None:
    try:
        return from_json(json.loads(_path(digest).read_text(encoding="utf-8")), specs)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(digest: str, catalog: Catalog) -> None:
    """Keep a catalog (atomically: readers see the old file or the whole new one)."""
    path = _path(digest)
    text = json.dumps(to_json(catalog), ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
        kept = sorted(path.parent.glob("catalog-*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
