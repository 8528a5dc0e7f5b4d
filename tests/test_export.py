"""Slide images and the standalone offline HTML map, from the command line."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.cli import main
from dashboard.export import ExportError, write_atomic
from layers import load_catalog
from tests.conftest import ROOT, OutsideRequests

CATALOG = load_catalog(ROOT / "geodata")
OKINAWA = "layers=okinawa_facilities&view=26.5,127.9,8.5"


def _export(tmp_path: Path, fmt: str, query: str, name: str, *extra: str) -> Path:
    out = tmp_path / name
    assert main(["export", fmt, "--query", query, "-o", str(out), *extra]) == 0
    return out


def test_write_atomic_keeps_an_existing_file_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    out.write_bytes(b"old")
    with pytest.raises(ExportError):
        write_atomic(out, b"new", force=False)
    assert out.read_bytes() == b"old"
    write_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["map.png"]  # no temporary file left behind


@pytest.mark.parametrize(
    "args",
    [
        ["export", "gif", "-o", "x.gif"],
        ["export", "png", "--width", "10", "-o", "x.png"],
        ["export", "png", "--scale", "abc", "-o", "x.png"],
        ["export", "png"],
    ],
)
def test_bad_export_arguments_give_one_line_and_exit_2(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "error" in err


def test_an_existing_output_is_kept(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.html"
    out.write_text("keep me")
    assert main(["export", "html", "-o", str(out)]) == 2
    assert out.read_text() == "keep me"
    assert "--force" in capsys.readouterr().err


def test_png_is_slide_sized_not_blank_and_follows_the_layers(tmp_path: Path) -> None:
    first = _export(tmp_path, "png", OKINAWA, "okinawa.png")
    image = Image.open(first).convert("RGB")
    assert image.size == (1920, 1080)
    assert max(ImageStat.Stat(image).stddev) > 10  # land, sea, markers: not one flat colour
    other = _export(tmp_path, "png", "layers=us_bases&view=26.5,127.9,8.5", "us.png")
    diff = ImageChops.difference(image, Image.open(other).convert("RGB"))
    assert diff.getbbox() is not None  # the markers differ


def test_png_scale_and_size(tmp_path: Path) -> None:
    out = _export(tmp_path, "png", OKINAWA, "small.png", "--width", "800", "--height", "450",
                  "--scale", "2")  # fmt: skip
    assert Image.open(out).size == (1600, 900)


def test_svg_export(tmp_path: Path) -> None:
    out = _export(tmp_path, "svg", OKINAWA, "map.svg")
    text = out.read_text()
    assert text.lstrip().startswith("<svg") and "U.S. facilities in Okinawa" in text


@pytest.mark.browser
def test_standalone_html_works_from_file_with_no_network(
    tmp_path: Path, dash_duo, outside_requests: OutsideRequests
) -> None:
    out = _export(tmp_path, "html", OKINAWA + "&lang=en", "map.html")
    assert out.stat().st_size < 6 * 1024 * 1024
    driver = dash_duo.driver
    driver.get(out.as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-ready')") == "1"
    )
    ids = driver.execute_script(
        "return document.getElementById('map').data"
        ".filter(function (t) { return t.customdata; })"
        ".map(function (t) { return t.customdata.map(function (c) { return c[0]; }); });"
    )
    assert [i for trace in ids for i in trace] == list(
        CATALOG.layers["okinawa_facilities"].frame.index
    )
    titles = driver.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map(function (b) { return b.getAttribute('data-title'); });"
    )
    assert titles and not any("Share" in t or "Cloud" in t for t in titles)
    kadena = CATALOG.feature("kadena-air-base")
    x, y = driver.execute_script(
        """
        var id = arguments[0], gd = document.getElementById('map'), fl = gd._fullLayout;
        var t = gd.data.filter(function (t) { return t.customdata; })[0];
        var i = t.customdata.findIndex(function (c) { return c[0] === id; });
        var r = gd.querySelector('.nsewdrag').getBoundingClientRect();
        return [r.left + fl.xaxis.d2p(t.x[i]), r.top + fl.yaxis.d2p(t.y[i])];
        """,
        "kadena-air-base",
    )
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.pointer_action.click()
    actions.perform()
    WebDriverWait(driver, 10).until(
        lambda d: kadena["name_en"] in d.find_element("id", "details").text
    )
    details = driver.find_element("id", "details")
    links = details.find_elements("tag name", "a")
    assert [a.get_attribute("href") for a in links] == [
        CATALOG.sources[s]["url"] for s in kadena["sources"]
    ]
    assert dash_duo.get_logs() == []
    assert outside_requests() == []


def test_png_bytes_are_a_png(tmp_path: Path) -> None:
    out = _export(tmp_path, "png", "layers=disputed_islands", "islands.png")
    assert Image.open(io.BytesIO(out.read_bytes())).format == "PNG"
