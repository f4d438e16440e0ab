"""`fleetwire command`: the commands API from the command line (an HTTP client of the API)."""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import orjson


class ApiError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status


def authorization(token: str | None, user: str | None, password: str | None) -> str | None:
    """The Authorization header of these credentials: Bearer for a token, else Basic."""
    if token:
        return f"Bearer {token}"
    if user:
        pair = f"{user}:{password or ''}".encode()
        return "Basic " + base64.b64encode(pair).decode()
    return None


def call(
    base: str, method: str, path: str, body: Any = None, auth: str | None = None, **params: Any
) -> Any:
    query = {k: v for k, v in params.items() if v is not None}
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(query) if query else "")
    data = orjson.dumps(body) if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if auth is not None:
        req.add_header("Authorization", auth)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return orjson.loads(r.read())
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            detail = orjson.loads(raw).get("detail", raw.decode())
        except orjson.JSONDecodeError:
            detail = raw.decode(errors="replace")
        raise ApiError(e.code, str(detail)) from e


def parse_attributes(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; values that parse as JSON (numbers, true, …) keep their type."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"attribute {pair!r} is not key=value")
        try:
            out[key] = orjson.loads(value)
        except orjson.JSONDecodeError:
            out[key] = value
    return out
