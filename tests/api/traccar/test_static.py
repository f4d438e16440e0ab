"""api.web_path: a static single-page app of our own, served with Traccar's rules (digest §6):
files at the root, the SPA fallback only for HTML navigations to dot-less paths, the
${title}/${description}/${colorPrimary} placeholders, caching, and /api kept off it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fleetwire.api.app import create_app
from fleetwire.config import ApiSettings
from tests.conftest import make_settings

INDEX = ('<!doctype html><html><head><title>${title}</title><meta name="description" '
         'content="${description}"><meta name="theme-color" content="${colorPrimary}">'
         '<script src="/assets/app.js"></script></head>'
         '<body><div id="root"></div></body></html>')  # fmt: skip
MANIFEST = '{"name": "${title}", "theme_color": "${colorPrimary}", "start_url": "/"}'
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def spa(tmp_path: Path) -> Path:
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text(INDEX)
    (web / "manifest.webmanifest").write_text(MANIFEST)
    (web / "assets" / "app.js").write_text("console.log('${title} stays as it is in js')")
    (web / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (tmp_path / "secret.txt").write_text("outside the web folder")
    return web


@pytest.fixture
def client(tmp_path: Path, data_dir: Path) -> Iterator[TestClient]:
    settings = make_settings(data_dir)
    settings.api = ApiSettings(host="127.0.0.1", port=settings.api.port, web_path=spa(tmp_path),
                               server_attributes={"title": "Acme Fleet"})  # fmt: skip
    with TestClient(create_app(settings)) as c:
        yield c


def test_index_and_placeholders(client: TestClient) -> None:
    r = client.get("/", headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<title>Acme Fleet</title>" in r.text  # from the server attributes
    assert 'content="Traccar GPS Tracking System"' in r.text  # a default
    assert 'content="#1a237e"' in r.text and "${" not in r.text
    assert r.headers["cache-control"] == "max-age=3600,public"
    m = client.get("/manifest.webmanifest")
    assert m.json() == {"name": "Acme Fleet", "theme_color": "#1a237e", "start_url": "/"}
    js = client.get("/assets/app.js")
    assert "${title}" in js.text  # only index.html and the manifest are templated
    assert client.get("/favicon.ico").content == b"\x00\x00\x01\x00"


def test_spa_fallback_rules(client: TestClient) -> None:
    # a client-side route, navigated to by the browser
    deep = client.get("/settings/devices", headers=HTML)
    assert deep.status_code == 200 and "<title>Acme Fleet</title>" in deep.text
    assert client.head("/reports/trips", headers=HTML).status_code == 200
    # not HTML, or a file-like last segment: a real 404
    assert (
        client.get("/settings/devices", headers={"Accept": "application/json"}).status_code == 404
    )
    assert client.get("/assets/missing.js", headers=HTML).status_code == 404
    # /api is never the static app's
    assert client.get("/api/nothing-here", headers=HTML).status_code == 404
    assert client.get("/api/server").json()["attributes"] == {"title": "Acme Fleet"}
    assert client.get("/docs").status_code == 200
    # no way out of the folder
    assert client.get("/../secret.txt").status_code == 404
    assert client.get("/%2e%2e/secret.txt").status_code == 404
