"""The info panels as JSON: what the browser renders when a place is selected."""

from __future__ import annotations

import json
from functools import cache

import pytest

from dashboard.app import create_app
from dashboard.panels import side_panel
from layers import load_catalog
from layers.catalog import geodata_dir


@cache
def client():  # type: ignore[no-untyped-def]
    return create_app().server.test_client()


def _texts(node: object) -> str:
    """Every string in a serialized component tree, joined."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return " ".join(_texts(n) for n in node)
    if isinstance(node, dict):
        return " ".join(_texts(v) for k, v in node.items() if k in ("props", "children"))
    return ""


@pytest.mark.parametrize(("path", "expected"), [
    ("/panels/en/page/kadena-air-base.json", "Kadena Air Base"),
    ("/panels/ja/page/kadena-air-base.json", "嘉手納飛行場"),
    ("/panels/en/embed/uotsuri-jima.json", "Diaoyu"),
])  # fmt: skip
def test_a_place_panel_is_the_panel_the_page_would_build(path: str, expected: str) -> None:
    response = client().get(path)
    assert response.status_code == 200 and response.mimetype == "application/json"
    tree = json.loads(response.get_data())
    assert expected in _texts(tree)
    _, lang, kind, name = path.rsplit(".", 1)[0].split("/")[1:]
    catalog = load_catalog(geodata_dir())
    built = side_panel(catalog, name, lang, embed=kind == "embed")
    assert _texts(tree) == _texts(
        json.loads(json.dumps(built, default=lambda c: c.to_plotly_json()))
    )


def test_the_overview_and_revalidation() -> None:
    response = client().get("/panels/en/page/_overview.json")
    assert response.status_code == 200 and "no-cache" in response.headers["Cache-Control"]
    tag = response.headers["ETag"]
    again = client().get("/panels/en/page/_overview.json", headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.get_data()


@pytest.mark.parametrize("path", [
    "/panels/en/page/no-such-place.json", "/panels/fr/page/kadena-air-base.json",
    "/panels/en/print/kadena-air-base.json", "/panels/en/page/..%2F..%2Fsources.json",
    "/panels/en/page/kadena-air-base.geojson", "/panels/en/page/<script>.json",
])  # fmt: skip
def test_anything_else_is_not_a_panel(path: str) -> None:
    """A 404, or (for paths outside the panel route's pattern) the app's page, as for any path."""
    response = client().get(path)
    assert response.status_code == 404 or response.mimetype == "text/html"
    body = response.get_data()
    assert b"<script>.json" not in body and b"Traceback" not in body
