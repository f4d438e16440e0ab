"""Fleetwire's own web UI at `/`: the single-page app that `web/` builds into `ui_dist/`, served
with the SPA fallback (a page path that is not a file gets index.html, so the UI's own routes
survive a reload). Without a build, `/` is the small status page with a line saying how to build
the UI. A user-supplied folder (`api.web_path`) wins: then this module serves only the UI config.
Owns no data: the UI talks to the API like any other client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from fleetwire.config import Settings

UI_DIST = Path(__file__).parent / "ui_dist"

BUILD_HINT = (
    '<p class="hint">The map UI is not built. With Node.js installed, <code>make run</code> '
    "builds it (or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>).</p>"
)

# hashed file names under assets/ never change content; index.html must be fetched fresh so a
# rebuilt UI is picked up at the next load
_IMMUTABLE = "public, max-age=31536000, immutable"


def mount_ui(app: FastAPI, settings: Settings, dist: Path = UI_DIST) -> None:
    """Add the UI config route, `/`, and the fallback that serves the UI's files and paths where
    no route answers."""

    @app.get("/api/ui/config", tags=["system"])
    def ui_config() -> dict[str, Any]:
        """What the web UI needs beyond the Traccar API: the map tile URL template."""
        return {
            "tileUrl": settings.api.tile_url,
            "tileAttribution": settings.api.tile_attribution,
        }

    if getattr(settings.api, "web_path", None):
        return
    root = dist.resolve()
    index = root / "index.html"

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def home() -> Response:
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        from fleetwire.api.ui import PAGE

        return HTMLResponse(PAGE.replace("<body>", "<body>" + BUILD_HINT, 1))

    async def not_found(request: Request, exc: Exception) -> Response:
        # the UI's files and paths are what no route matched: a fallback, not a catch-all route,
        # so that routes added after this one (and every /api 404) keep their own answers
        path = request.url.path.lstrip("/")
        api = path == "api" or path.startswith("api/")
        if request.method in ("GET", "HEAD") and not api and index.is_file():
            target = (root / path).resolve()
            if target.is_relative_to(root) and target.is_file():
                cache = _IMMUTABLE if target.parent.name == "assets" else "no-cache"
                return FileResponse(target, headers={"Cache-Control": cache})
            if "." not in path.rsplit("/", 1)[-1]:
                return FileResponse(index, headers={"Cache-Control": "no-cache"})
        if isinstance(exc, StarletteHTTPException):
            return await http_exception_handler(request, exc)
        return Response("not found", status_code=404)

    app.add_exception_handler(404, not_found)
