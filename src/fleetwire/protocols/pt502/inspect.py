"""What a PT502 frame means to the gateway: identity, kind and the reply.

The device never waits for an answer: no vendor document or capture shows a server reply to a
report (the server speaks only to command or to fetch a photo), so every ack is empty. The
identity is the report's second field (the unit's configured ID, often but not always the IMEI)
or, in `$FUS<id>,...`, the digits glued to the type. Knows nothing about report contents.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import FIRMWARE, PHOTO_DATA
from .framing import message_type, open_frame

ID = re.compile(r"\d{1,20}")
REPORT_TIME = re.compile(r"\d{6}(?:\.\d{1,3})?")  # hhmmss.sss: what marks the report layout


def is_report(fields: list[str]) -> bool:
    return len(fields) > 2 and REPORT_TIME.fullmatch(fields[2]) is not None


def identity(code: str, suffix: str, fields: list[str]) -> str | None:
    """The unit ID one message carries; None for messages that carry none."""
    if code == FIRMWARE:
        text = suffix
    elif code != PHOTO_DATA and is_report(fields):
        text = fields[1]
    else:
        return None
    if ID.fullmatch(text) is None:
        raise InvalidField(f"bad unit id {text[:24]!r}")
    return text


def inspect(frame: bytes, session: Session) -> Uplink:
    ids: set[str] = set()
    records = 0
    kind = FrameKind.OTHER
    for message in open_frame(frame):
        code, suffix, fields = message_type(message)
        unit = identity(code, suffix, fields)
        if unit is not None:
            ids.add(unit)
            records += 1
        if code == PHOTO_DATA or (unit is not None and code != FIRMWARE):
            kind = FrameKind.DATA
    if len(ids) > 1:
        raise InvalidField(f"one frame, several unit ids: {sorted(ids)}")
    return Uplink(kind, unique_id=ids.pop() if ids else None, records=records)
