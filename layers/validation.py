"""Validate the geodata with geopandas and shapely, and measure each place to the references.

Every problem found is reported at once, naming the file, the feature id, the field and the
reason. The result is a plain `Catalog` (`layers.catalog`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from layers.catalog import Catalog, Layer
from layers.context import FIGURES, TIMELINE, check_figures, check_timeline
from layers.geometry import check_geometry
from layers.problems import GeodataError, Problem
from layers.reference import NAME as REFERENCES_FILE
from layers.reference import check_references, distances_from
from layers.schema import SCHEMAS, check_properties
from layers.specs import LayerSpec
from layers.totals import NAME as TOTALS_FILE
from layers.totals import check_totals

SOURCE_FIELDS = {"title", "publisher", "url", "accessed"}
SOURCE_OPTIONAL = {"licence", "language", "note"}
_URL = re.compile(r"^https?://[^\s<>\"']+$")


def _feature_dicts(layers: dict[str, Layer]) -> dict[str, dict[str, Any]]:
    """Per feature id: its properties plus `layer`, `lon` and `lat` (a representative point)."""
    out = {}
    for layer in layers.values():
        points = layer.frame.geometry.representative_point()
        lons, lats = points.x.round(5).tolist(), points.y.round(5).tolist()
        for feature, lon, lat in zip(layer.geojson, lons, lats, strict=True):
            given = feature["properties"]
            props = {k: given[k] for k in SCHEMAS[layer.spec.schema] if given.get(k) is not None}
            out[given["id"]] = props | {"layer": layer.id, "lon": lon, "lat": lat}
    return out


def _read_json(path: Path, problems: list[Problem]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(path.name, "file not found"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, f"not UTF-8 text: {exc}"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(path.name, f"malformed JSON: {exc}"))
    return None


def _check_sources(raw: Any, problems: list[Problem]) -> dict[str, dict[str, str]]:
    name = "sources.json"
    if not isinstance(raw, dict) or not raw:
        problems.append(Problem(name, "must be a JSON object mapping source ids to sources"))
        return {}
    good = {}
    for sid, src in raw.items():
        if not isinstance(src, dict):
            problems.append(Problem(name, "must be an object", sid))
            continue
        before = len(problems)
        problems += [Problem(name, "missing", sid, k) for k in sorted(SOURCE_FIELDS - set(src))]
        extra = set(src) - SOURCE_FIELDS - SOURCE_OPTIONAL
        problems += [Problem(name, "unknown field", sid, k) for k in sorted(extra)]
        for key in sorted(set(src) & (SOURCE_FIELDS | SOURCE_OPTIONAL)):
            value = src[key]
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(name, "must be non-empty text", sid, key))
        if isinstance(src.get("url"), str) and not _URL.match(src["url"]):
            problems.append(Problem(name, "must be an http(s) URL", sid, "url"))
        try:
            date.fromisoformat(src.get("accessed"))
        except (TypeError, ValueError):
            problems.append(Problem(name, "must be an ISO date", sid, "accessed"))
        if len(problems) == before:
            good[sid] = src
    return good


def _check_layer(
    spec: LayerSpec, raw: Any, sources: dict[str, Any], problems: list[Problem]
) -> list[dict[str, Any]]:
    """Validated GeoJSON features of one layer; every problem is appended to `problems`."""
    name = spec.file
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        problems.append(Problem(name, "must be a GeoJSON FeatureCollection"))
        return []
    features = raw.get("features")
    if not isinstance(features, list) or not features:
        problems.append(Problem(name, "must have a non-empty 'features' list"))
        return []
    good = []
    for n, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(name, f"item {n} is not a GeoJSON Feature"))
            continue
        if not isinstance(props, dict):
            problems.append(Problem(name, f"feature {n} has no properties object"))
            continue
        fid = props["id"] if isinstance(props.get("id"), str) else f"#{n}"
        before = len(problems)
        for key, reason in check_properties(spec.schema, props):
            problems.append(Problem(name, reason, fid, key))
        cited = props.get("sources") if isinstance(props.get("sources"), list) else []
        for sid in cited:
            if sid not in sources:
                problems.append(
                    Problem(name, f"source {sid!r} is not in sources.json", fid, "sources")
                )
        geom, reasons = check_geometry(feature.get("geometry"))
        problems += [Problem(name, reason, fid, "geometry") for reason in reasons]
        if len(problems) == before and geom is not None:
            good.append(feature)
    return good


def validate(root: Path, specs: list[LayerSpec]) -> Catalog:
    """Load and validate all layers; raise GeodataError listing every problem found."""
    problems: list[Problem] = []
    sources = _check_sources(_read_json(root / "sources.json", problems), problems)
    totals, figures, timeline = None, [], []
    before = len(problems)
    raw = [_read_json(root / name, problems) for name in (TOTALS_FILE, FIGURES, TIMELINE)]
    if len(problems) == before:
        (totals, found_t), (figures, found_f), (timeline, found_e) = (
            check_totals(raw[0], sources),
            check_figures(raw[1], sources),
            check_timeline(raw[2], sources),
        )
        problems += found_t + found_f + found_e
    checked: dict[str, list[dict[str, Any]]] = {}
    for spec in specs:
        before = len(problems)
        raw = _read_json(root / spec.file, problems)
        if len(problems) == before:  # an unreadable file is reported once, not checked further
            checked[spec.id] = _check_layer(spec, raw, sources, problems)
    seen: dict[str, str] = {}
    for spec in specs:
        for feature in checked.get(spec.id, []):
            fid = feature["properties"]["id"]
            if fid in seen:
                problems.append(
                    Problem(spec.file, f"duplicate id (also in {seen[fid]})", fid, "id")
                )
            seen[fid] = spec.file
    for n, event in enumerate(timeline):
        if event.place is not None and event.place not in seen:
            problems.append(Problem(TIMELINE, f"no feature {event.place!r}", f"#{n}", "place"))
    for spec in specs:
        for feature in checked.get(spec.id, []):
            parent = feature["properties"].get("part_of")
            if parent is not None and parent not in seen:
                fid = feature["properties"]["id"]
                problems.append(Problem(spec.file, f"no feature {parent!r}", fid, "part_of"))
    if problems:
        raise GeodataError(problems)
    layers = {spec.id: Layer(spec, tuple(checked[spec.id])) for spec in specs}
    features = _feature_dicts(layers)
    raw_refs = _read_json(root / REFERENCES_FILE, problems)
    references, found = check_references(raw_refs, sources, features, root / "basemap")
    if problems or found:
        raise GeodataError(problems + found)
    ids = list(features)
    per_reference = distances_from(
        references, [features[i]["lon"] for i in ids], [features[i]["lat"] for i in ids]
    )
    distances = {fid: tuple(round(km[n], 3) for km in per_reference) for n, fid in enumerate(ids)}
    return Catalog(
        layers=layers,
        sources=sources,
        totals=totals,
        figures=figures,
        timeline=timeline,
        references=[ref.plain() for ref in references],
        _features=features,
        _distances=distances,
    )
