"""The fields of one OsmAnd request: query string, form body or Traccar Client JSON.

Owns getting from a checked request (framing.py) to the device identity, the raw parameters and
the coordinates, which both inspect (to ACK only what decodes) and decoding need. URL decoding
is urllib.parse's and JSON is orjson's: nothing hand-written. Knows nothing about replies or
Records.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

import orjson

from fleetwire.errors import InvalidField

from .constants import (
    FORM_TYPE,
    ID_KEYS,
    JSON_ID_KEY,
    JSON_TYPES,
    MAX_FIELDS,
    MAX_ID_LENGTH,
    Format,
)
from .framing import Request, open_request

Location = dict[str, Any]


class Payload(NamedTuple):
    format: Format
    unique_id: str
    params: dict[str, str]  # query (and form) parameters, the first value of each
    locations: tuple[Location, ...]  # JSON only: the "location" object(s)


def _params(text: str, into: dict[str, str]) -> None:
    try:
        pairs = parse_qsl(text, errors="strict", max_num_fields=MAX_FIELDS)
    except ValueError as e:  # too many fields, or percent-escapes that are not UTF-8
        raise InvalidField(f"bad parameters: {e}") from e
    for key, value in pairs:
        into.setdefault(key, value)  # first wins: the query before the form body


def _is_json(req: Request) -> bool:
    if req.content_type in JSON_TYPES:
        return True
    return req.content_type != FORM_TYPE and req.body.lstrip()[:1] == b"{"


def _json(body: bytes) -> tuple[Any, tuple[Location, ...]]:
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as e:
        raise InvalidField(f"bad JSON: {e}") from e
    if not isinstance(doc, dict):
        raise InvalidField("JSON body is not an object")
    loc = doc.get("location")
    # the app batches stored fixes as a list when it uploads after being offline
    locations = tuple(loc) if isinstance(loc, list) else (loc,)
    if not locations or not all(isinstance(x, dict) for x in locations):
        raise InvalidField("JSON body has no location object")
    return doc.get(JSON_ID_KEY), locations


def _identity(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not text:
        return None
    if len(text) > MAX_ID_LENGTH or not text.isprintable():
        raise InvalidField(f"device id {text[:40]!r} is not a short printable text")
    return text


def read_payload(frame: bytes) -> Payload:
    req = open_request(frame)
    params: dict[str, str] = {}
    _params(urlsplit(req.target).query, params)
    fmt = Format.QUERY
    locations: tuple[Location, ...] = ()
    unique_id: str | None = None
    if req.body and _is_json(req):
        fmt = Format.JSON
        json_id, locations = _json(req.body)
        unique_id = _identity(json_id)
    elif req.body:
        fmt = Format.FORM
        try:
            form = req.body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidField("form body is not UTF-8") from e
        _params(form, params)
    for key in ID_KEYS:
        if unique_id is None:
            unique_id = _identity(params.get(key))
    if unique_id is None:
        raise InvalidField("request carries no device id (id, deviceid or device_id)")
    return Payload(fmt, unique_id, params, locations)


def number(text: str, name: str) -> float:
    """A finite decimal number from a parameter."""
    try:
        value = float(text)
    except ValueError as e:
        raise InvalidField(f"{name}={text[:30]!r} is not a number") from e
    if not math.isfinite(value):
        raise InvalidField(f"{name}={text[:30]!r} is not finite")
    return value


def json_number(obj: dict[str, Any], key: str) -> float | None:
    """A JSON number (bools are not numbers here); None when absent or null."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidField(f"{key}={value!r} is not a number")
    if not math.isfinite(value):
        raise InvalidField(f"{key} is not finite")
    return float(value)


def _checked(lat: float, lon: float) -> tuple[float, float]:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"coordinates out of range: {lat} {lon}")
    return lat, lon


def query_coordinates(params: dict[str, str]) -> tuple[float, float]:
    """``lat`` and ``lon``, or ``location=lat,lon``."""
    if "lat" in params and "lon" in params:
        return _checked(number(params["lat"], "lat"), number(params["lon"], "lon"))
    location = params.get("location")
    if location is not None:
        lat, sep, lon = location.partition(",")
        if sep:
            return _checked(number(lat, "location"), number(lon, "location"))
        raise InvalidField(f"location={location[:40]!r} is not lat,lon")
    raise InvalidField("request carries no coordinates (lat/lon or location)")


def json_coordinates(loc: Location) -> tuple[float, float]:
    coords = loc.get("coords")
    if not isinstance(coords, dict):
        raise InvalidField("location has no coords object")
    lat = json_number(coords, "latitude")
    lon = json_number(coords, "longitude")
    if lat is None or lon is None:
        raise InvalidField("coords carry no latitude/longitude")
    return _checked(lat, lon)
