"""OsmAnd / Traccar Client wire constants: the HTTP replies, limits, parameter names, units.

Owns the numbers and names that the Traccar "OsmAnd" protocol page fixes (parameters ``id``,
``deviceid``, ``lat``, ``lon``, ``location``, ``timestamp``, ``speed`` in knots, ...) and the
Traccar Client JSON document keys. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from fleetwire.protocols._units import KNOTS


class Format(StrEnum):
    """How a request carries its fields: the "message types" of this protocol."""

    QUERY = "query"  # GET (or any method) with the fields in the query string
    FORM = "form"  # POST application/x-www-form-urlencoded (query fields merged in)
    JSON = "json"  # POST of the Traccar Client app (transistorsoft location JSON)


# The exact reply to a decodable request. Devices only look at the status line; an empty body
# keeps the connection reusable (Content-Length says where the response ends).
ACK: Final = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
# Sent instead of ACK for a device the registry refuses (Traccar answers unknown ids with 400).
REJECT: Final = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"

# Methods a tracker uses; Traccar accepts any, but browsers' HEAD/OPTIONS carry no position.
METHODS: Final = frozenset({"GET", "POST", "PUT"})
METHOD_PREFIXES: Final = (b"GET ", b"POST ", b"PUT ")
VERSIONS: Final = frozenset({"HTTP/1.1", "HTTP/1.0"})
HEADER_END: Final = b"\r\n\r\n"
# One request with its headers and body: phones send ~0.5 KB of JSON, OsmAnd ~0.3 KB of URL.
# 16 KB bounds a connection's buffer while leaving room for verbose clients' headers.
MAX_FRAME_SIZE: Final = 16384
MAX_FIELDS: Final = 200  # parameters per request; more is an attack, not a tracker
MAX_ID_LENGTH: Final = 128

ID_KEYS: Final = ("id", "deviceid")
JSON_ID_KEY: Final = "device_id"
JSON_TYPES: Final = frozenset({"application/json", "text/json"})
FORM_TYPE: Final = "application/x-www-form-urlencoded"

MPS_KMH: Final = 3.6
MPH_KMH: Final = 1.609344
# ``speed`` in the query is knots (Traccar's OsmAnd page and decoder); the per-device option
# ``speedUnit`` overrides it for firmware that sends km/h, m/s or mph.
SPEED_UNITS: Final[dict[str, float]] = {
    "kn": KNOTS,
    "kmh": 1.0,
    "mps": MPS_KMH,
    "mph": MPH_KMH,
}
# A numeric timestamp at or above this is milliseconds (1973-03-03 in ms; year 5138 in s).
MS_THRESHOLD: Final = 100_000_000_000

# Query parameters with a fixed meaning; every other one becomes a typed attribute.
KNOWN_KEYS: Final = frozenset(
    {
        "id", "deviceid", "timestamp", "lat", "lon", "location", "valid", "speed",
        "bearing", "heading", "altitude", "accuracy", "hdop", "batt", "charge",
        "driverUniqueId", "cell", "wifi",
    }
)  # fmt: skip
# Vocabulary booleans that devices also write as 1/0.
BOOL_KEYS: Final = frozenset({"ignition", "motion", "charge", "armed", "blocked", "door"})
TRUE: Final = frozenset({"true", "1"})
FALSE: Final = frozenset({"false", "0"})
