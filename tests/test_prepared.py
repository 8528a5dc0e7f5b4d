"""The validated catalog kept as JSON: read back the same, refreshed on any change, and enough
for the dashboard to serve without importing the geo stack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layers import GeodataError, load_catalog, load_specs, prepared
from tests.conftest import ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "prepared"
    monkeypatch.setenv("ALLIANCE_MAP_CACHE", str(folder))
    return folder


def test_a_prepared_catalog_reads_back_equal_to_the_validated_one(cache: Path) -> None:
    validated = load_catalog(ROOT / "geodata", prepared=False)
    assert len(list(cache.glob("catalog-*.json"))) == 1
    read = load_catalog(ROOT / "geodata")
    assert read == validated and read is not validated
    assert read.distances("jgsdf-camp-yonaguni") == validated.distances("jgsdf-camp-yonaguni")
    assert read.references and all(isinstance(r.sources, tuple) for r in read.references)


def test_a_changed_file_is_validated_again(cache: Path, fixture_geodata: Path) -> None:
    load_catalog(fixture_geodata)
    path = fixture_geodata / "us_bases.geojson"
    doc = json.loads(path.read_text())
    doc["features"][0]["properties"]["kind"] = "castle"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    with pytest.raises(GeodataError, match="castle"):
        load_catalog(fixture_geodata)


def test_a_changed_basemap_is_a_new_key(fixture_geodata: Path) -> None:
    specs = load_specs()
    before = prepared.key(fixture_geodata, specs)
    (fixture_geodata / "basemap").unlink()  # a symlink to the real basemap
    (fixture_geodata / "basemap").mkdir()
    (fixture_geodata / "basemap" / "land.geojson").write_text('{"type": "FeatureCollection"}')
    assert before and prepared.key(fixture_geodata, specs) not in (None, before)


@pytest.mark.parametrize("damage", ["not json", "{}", '{"format": 1, "layers": []}', "[1]"])
def test_a_damaged_prepared_file_is_replaced(cache: Path, damage: str) -> None:
    expected = load_catalog(ROOT / "geodata")
    (kept,) = cache.glob("catalog-*.json")
    kept.write_text(damage)
    assert load_catalog(ROOT / "geodata") == expected
    assert json.loads(kept.read_text())["format"] == prepared.FORMAT


def test_an_unwritable_folder_only_costs_a_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ALLIANCE_MAP_CACHE", str(blocker / "prepared"))  # under a file
    assert load_catalog(ROOT / "geodata").feature("kadena-air-base")
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_served_app_does_not_import_the_geo_stack(cache: Path) -> None:
    load_catalog(ROOT / "geodata")  # what `alliance-map validate` or a first start leaves
    script = (
        "import sys\n"
        "from dashboard.app import create_app\n"
        "client = create_app().server.test_client()\n"
        "assert client.get('/').status_code == 200\n"
        "assert client.get('/_dash-layout').status_code == 200\n"
        "assert client.get('/panels/en/page/kadena-air-base.json').status_code == 200\n"
        "heavy = {'geopandas', 'pandas', 'shapely', 'pyproj'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    env = os.environ | {"ALLIANCE_MAP_GEODATA": str(ROOT / "geodata")}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_layers_features_are_its_own_in_file_order(cache: Path) -> None:
    catalog = load_catalog(ROOT / "geodata")
    everything = catalog.features()
    for layer_id, layer in catalog.layers.items():
        own = catalog.features(layer_id)
        assert own == [f for f in everything if f["layer"] == layer_id]
        assert [f["id"] for f in own] == list(layer.ids)
    assert catalog.features("no-such-layer") == []
    catalog.features("us_bases")[0]["name_en"] = "changed"  # a copy, not the catalog's own
    assert catalog.features("us_bases")[0]["name_en"] != "changed"
