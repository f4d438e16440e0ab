"""What an OsmAnd request means to the gateway: who sent it, and the reply it waits for.

Every request is a report that carries its device id, so there is no login; a request is
answered with 200 only when it would decode (an id and coordinates), because the device drops a
fix once it sees 200. A request missing either raises the device's error carrying a 400 reply:
the gateway sends that, keeps the request as evidence, and the client learns it was refused.
No clock is needed for any reply.
"""

from __future__ import annotations

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ACK, REJECT, Format
from .payload import json_coordinates, query_coordinates, read_payload


def inspect(frame: bytes, session: Session) -> Uplink:
    try:
        return _inspect(frame)
    except DeviceError as e:
        if not e.reply:
            e.reply = REJECT  # HTTP 400: a refused request, never a 200
        raise


def _inspect(frame: bytes) -> Uplink:
    payload = read_payload(frame)
    if payload.format is Format.JSON:
        for loc in payload.locations:
            json_coordinates(loc)
        records = len(payload.locations)
    else:
        query_coordinates(payload.params)
        records = 1
    return Uplink(
        FrameKind.DATA, unique_id=payload.unique_id, ack=ACK, reject=REJECT, records=records
    )
