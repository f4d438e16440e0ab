"""Serving the web UI at `/` (api/web_ui.py) over a real socket: the built files, the SPA
fallback for the UI's own paths, /api kept off it, the status page with a build hint when there
is no build, and the tile URL the UI reads."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import uvicorn
from fastapi import FastAPI

from fleetwire.api.web_ui import mount_ui
from fleetwire.config import ApiSettings
from tests.conftest import make_settings

INDEX = b"<!doctype html><title>ui</title><div id=app></div>"


def serve(app: FastAPI, port: int) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def get(url: str, accept: str = "text/html") -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def make_app(tmp_path: Path, dist: Path, **api: str) -> tuple[FastAPI, int]:
    settings = make_settings(tmp_path)
    settings.api = ApiSettings(host="127.0.0.1", port=settings.api.port, **api)  # type: ignore[arg-type]
    app = FastAPI()

    @app.get("/api/devices")
    def devices() -> list[int]:
        return []

    mount_ui(app, settings, dist)

    @app.get("/later")  # a route added after the UI: the UI's fallback must not shadow it
    def later() -> dict[str, bool]:
        return {"later": True}

    return app, settings.api.port


@pytest.fixture
def built(tmp_path: Path) -> Iterator[str]:
    dist = tmp_path / "ui_dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_bytes(INDEX)
    (dist / "assets" / "index-abc123.js").write_bytes(b"console.log(1)")
    (tmp_path / "secret.txt").write_bytes(b"outside the build")
    app, port = make_app(tmp_path, dist, tile_url="http://tiles.example/{z}/{x}/{y}.png")
    yield from serve(app, port)


def test_index_assets_and_spa_fallback(built: str) -> None:
    status, headers, body = get(built + "/")
    assert (status, body) == (200, INDEX) and headers["cache-control"] == "no-cache"
    status, headers, body = get(built + "/assets/index-abc123.js", "*/*")
    assert (status, body) == (200, b"console.log(1)")
    assert "immutable" in headers["cache-control"]
    # the UI's own paths (a reload on /history?device=3) get index.html
    for path in ("/history?device=3", "/reports", "/users/7"):
        assert get(built + path)[::2] == (200, INDEX), path
    assert get(built + "/later")[::2] == (200, b'{"later":true}')


def test_api_and_missing_files_are_not_the_ui(built: str) -> None:
    assert get(built + "/api/devices", "application/json")[::2] == (200, b"[]")
    status, _, body = get(built + "/api/nope")
    assert status == 404 and body != INDEX
    assert get(built + "/assets/gone-123.js")[0] == 404  # a file name: no fallback
    assert get(built + "/..%2fsecret.txt")[0] == 404
    assert get(built + "/assets/..%2f..%2fsecret.txt")[0] == 404


def test_ui_config_carries_the_tile_url(built: str) -> None:
    status, _, body = get(built + "/api/ui/config", "application/json")
    assert status == 200
    assert orjson.loads(body)["tileUrl"] == "http://tiles.example/{z}/{x}/{y}.png"


def test_without_a_build_the_status_page_says_how_to_build(tmp_path: Path) -> None:
    app, port = make_app(tmp_path, tmp_path / "no_build")
    for base in serve(app, port):
        status, _, body = get(base + "/")
        assert status == 200 and b"npm run build" in body and b"<h1>Fleetwire</h1>" in body
        assert get(base + "/history")[0] == 404
        config = orjson.loads(get(base + "/api/ui/config", "application/json")[2])
        assert config["tileUrl"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
