"""OsmAndProtocol: the TrackerProtocol object the registry hands out; it wires the OsmAnd
modules to the shared contract, holds no state, and owns the strict detect() for the shared
auto-detecting port (an HTTP request line is text any other text protocol could resemble).

Transports are HTTP and TCP: the requests arrive on a plain TCP listener and framing.py frames
HTTP/1.1 itself, so the gateway must open a TCP listener for it.
"""

from __future__ import annotations

from typing import ClassVar, Final
from urllib.parse import parse_qsl, urlsplit

from fleetwire.protocols.base import (
    Detection,
    TrackerProtocol,
    Transport,
)

from . import decoding, encoding, framing, inspect
from .constants import ID_KEYS, MAX_FIELDS, MAX_FRAME_SIZE, VERSIONS

_GET: Final = b"GET /?"
_POST: Final = b"POST /"
_LINE_LIMIT: Final = 2048  # a request line longer than this is not an OsmAnd report


def _get_names_device(line: str) -> bool:
    try:
        params = dict(parse_qsl(urlsplit(line.split(" ")[1]).query, max_num_fields=MAX_FIELDS))
    except (ValueError, IndexError):
        return False
    return any(params.get(k) for k in ID_KEYS)


class OsmAndProtocol(TrackerProtocol):
    name: ClassVar[str] = "osmand"
    default_port: ClassVar[int] = 5055
    transports: ClassVar[frozenset[Transport]] = frozenset({Transport.HTTP, Transport.TCP})
    max_frame_size: ClassVar[int] = MAX_FRAME_SIZE
    commands: ClassVar[frozenset[str]] = encoding.COMMANDS
    messages: ClassVar[tuple[str, ...]] = ("GET query", "POST form", "POST JSON (Traccar Client)")
    devices: ClassVar[tuple[str, ...]] = (
        "OsmAnd app (online tracking)",
        "Traccar Client (Android, iOS)",
        "HTTP-capable trackers using the OsmAnd URL format",
    )

    frame_length = staticmethod(framing.frame_length)
    inspect = staticmethod(inspect.inspect)
    decode = staticmethod(decoding.decode)
    encode_command = staticmethod(encoding.encode_command)

    def detect(self, head: bytes) -> Detection:
        """YES for ``GET /?…`` naming a device (id/deviceid) or ``POST /…`` (the id may be in
        the body), on a complete HTTP/1.x request line; NO for anything else."""
        if not head.startswith((_GET, _POST)):
            maybe = len(head) < len(_GET) and (_GET.startswith(head) or _POST.startswith(head))
            return Detection.MORE if maybe else Detection.NO
        end = head.find(b"\r\n")
        if end < 0:
            return Detection.MORE if len(head) < _LINE_LIMIT else Detection.NO
        line = head[:end].decode("latin-1")
        if not line.startswith(("GET /?", "POST /")) or line.rsplit(" ", 1)[-1] not in VERSIONS:
            return Detection.NO
        if line.startswith("POST") or _get_names_device(line):
            return Detection.YES
        return Detection.NO
