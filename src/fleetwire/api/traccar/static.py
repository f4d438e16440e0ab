"""`api.web_path`: a user-supplied static single-page app (such as the web/ folder of a Traccar
release) served at the site root with the rules of Traccar's own filters: files by path;
for a GET/HEAD of a non-/api path that accepts text/html and whose last segment has no dot,
index.html (the SPA fallback for client-side routes); `${title}`, `${description}` and
`${colorPrimary}` replaced in index.html and manifest.webmanifest from the server attributes;
`Cache-Control: max-age=3600,public`. Nothing under /api is ever served from here."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response

DEFAULTS = {"title": "Traccar", "description": "Traccar GPS Tracking System",
            "colorPrimary": "#1a237e"}  # fmt: skip
CACHE = "max-age=3600,public"
TEMPLATED = ("index.html", "manifest.webmanifest")
mimetypes.add_type("application/manifest+json", ".webmanifest")


def _substitute(body: bytes, attributes: dict[str, Any]) -> bytes:
    text = body.decode("utf-8")
    for key, default in DEFAULTS.items():
        value = attributes.get(key)
        text = text.replace("${" + key + "}", str(value) if value else default)
    return text.encode("utf-8")


def mount_web(app: FastAPI, root: Path, attributes: dict[str, Any]) -> None:
    root = root.resolve()
    if not (root / "index.html").is_file():
        raise ValueError(f"api.web_path {root} has no index.html")

    def serve(path: Path, head: bool) -> Response:
        body = path.read_bytes()
        if path.name in TEMPLATED:
            body = _substitute(body, attributes)
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"Cache-Control": CACHE}
        if head:
            return Response(None, media_type=media, headers={
                **headers, "Content-Length": str(len(body))})  # fmt: skip
        return Response(body, media_type=media, headers=headers)

    async def web(request: Request, path: str = "") -> Response:
        if path == "api" or path.startswith("api/"):
            raise HTTPException(404, "not found")
        head = request.method == "HEAD"
        target = (root / path).resolve()
        if target.is_relative_to(root):
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                return serve(target, head)
        last = path.rsplit("/", 1)[-1]
        if "text/html" in request.headers.get("accept", "") and "." not in last:
            return serve(root / "index.html", head)
        raise HTTPException(404, "not found")

    app.add_api_route("/", web, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/{path:path}", web, methods=["GET", "HEAD"], include_in_schema=False)
