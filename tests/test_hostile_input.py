"""Hostile input: arbitrary query strings and callback bodies never get a 5xx, a traceback, a
file path or reflected markup, and the server keeps answering. Also the security headers."""

from __future__ import annotations

import json
import re
from functools import cache
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app

LEAKS = re.compile(r"Traceback|File \"|/work/|site-packages|\.py\b|<script>alert", re.IGNORECASE)
PARAMS = ["layers", "view", "select", "lang", "basemap", "embed", "operator", "status", "kind",
          "year", "rings", "measure"]  # fmt: skip
NASTY = st.sampled_from(
    ["<script>alert(1)</script>", "../../etc/passwd", "%00", "nan,1e999,zz", "'\"><img src=x>",
     "{{7*7}}", "\u202e\u0000", "A" * 3000, "kadena-air-base,uotsuri-jima", "1e308,1e308,99",
     "javascript:alert(1)", "ja", "1", "2016", "500,1000", "%ZZ", "&&&&", "=", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
)  # fmt: skip


@cache
def client():  # type: ignore[no-untyped-def]
    return create_app().server.test_client()


def _assert_safe(response, sent: str = "") -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, response.status_code
    body = response.get_data(as_text=True)
    assert not LEAKS.search(body), body[:300]
    if "<" in sent:
        assert sent not in body  # never echoed unescaped


query_strings = st.lists(
    st.tuples(st.sampled_from(PARAMS) | st.text(max_size=12), NASTY | st.text(max_size=40)),
    max_size=8,
).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=query_strings)
def test_any_query_string_gives_a_normal_page(query: str) -> None:
    page = client().get("/?" + query)
    _assert_safe(page, query)
    assert page.status_code == 200
    referer = "http://localhost/?" + quote(query, safe="=&,%")  # as a browser would send it
    layout = client().get("/_dash-layout", headers={"Referer": referer})
    _assert_safe(layout, query)
    assert layout.status_code == 200


def _dependencies() -> list[dict]:
    return json.loads(client().get("/_dash-dependencies").get_data())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_forged_callback_bodies_never_break_the_server(data) -> None:  # type: ignore[no-untyped-def]
    callbacks = [c for c in _dependencies() if not c.get("clientside_function")]
    callback = data.draw(st.sampled_from(callbacks))
    inputs = [
        {"id": i["id"], "property": i["property"], "value": data.draw(json_values)}
        for i in callback["inputs"]
    ]
    state = [
        {"id": s["id"], "property": s["property"], "value": data.draw(json_values)}
        for s in callback["state"]
    ]
    body = data.draw(
        st.sampled_from(
            [
                {"output": callback["output"], "outputs": [], "inputs": inputs, "state": state},
                {"output": callback["output"], "inputs": inputs, "state": state,
                 "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs[:1]]},
                {"output": "no-such.component", "inputs": inputs},
                {"inputs": "not a list"},
                data.draw(json_values),
            ]
        )
    )  # fmt: skip
    response = client().post("/_dash-update-component", json=body)
    _assert_safe(response)
    assert 200 <= response.status_code < 500, response.status_code  # a normal answer or a 4xx


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"[" * 100_000 + b"]" * 100_000,  # nested far deeper than any parser allows
        b'{"output": "map.figure", "inputs": [' + b'{"id": "x"},' * 20_000 + b"{}]}",
        b"\xff\xfe\x00garbage",
        b'{"output": "map.figure@' + b"a" * 5000 + b'", "inputs": []}',
    ],
)
def test_malformed_and_oversized_bodies_are_refused(raw: bytes) -> None:
    response = client().post("/_dash-update-component", data=raw, content_type="application/json")
    _assert_safe(response)
    assert response.status_code in (400, 413)
    assert client().get("/").status_code == 200  # still answering


def test_errors_carry_a_request_id_and_nothing_else() -> None:
    response = client().post("/_dash-update-component", json={"output": "x.y", "inputs": []})
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == {"error", "request_id"} and len(body["request_id"]) == 12


PATHS = ["/", "/_dash-layout", "/assets/style.css", "/basemap/land.geojson", "/nowhere",
         "/_dash-dependencies"]  # fmt: skip


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(path: str) -> None:
    response = client().get(path)
    csp = dict(d.split(" ", 1) for d in response.headers["Content-Security-Policy"].split("; "))
    assert csp["default-src"] == "'self'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'sha256-" in csp["script-src"]
    assert csp["frame-ancestors"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_debug_and_dev_tools_are_off() -> None:
    app = create_app()
    assert not app.server.debug
    assert not app._dev_tools.ui  # Dash keeps its dev-tools settings here
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert "dash-debug-menu" not in page and '"ui": true' not in page
