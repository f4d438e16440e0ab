"""Errors as Traccar's clients read them: a short plain-text body (traccar-web shows the body
as it is in a snackbar), and 400 for a malformed request rather than FastAPI's 422 JSON.
Every Traccar router uses this route class."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse
from fastapi.routing import APIRoute


def _validation_text(e: RequestValidationError) -> str:
    parts = []
    for err in e.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


class TextErrors(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as e:
                return PlainTextResponse(str(e.detail), e.status_code, headers=e.headers)
            except RequestValidationError as e:
                return PlainTextResponse(_validation_text(e), 400)

        return route
