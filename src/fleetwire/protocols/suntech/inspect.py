"""What a Suntech report means to the gateway, from its header and id field only.

Identity: the device id field (second field; third for ST910; the BCD id of a binary report).
No report is acknowledged, text or binary: the documents define no server reply to status,
alert or keep-alive reports (the emergency "AckEmerg" is a command that stops emergency
reporting, left to the user). Command answers ("<model>CMD;Res;<id>;…" and the universal
"RES;<id>;…") are REPLY.
The report header's model prefix is kept in the session so commands use the device's own.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import BINARY_STARTS
from .framing import Text, is_binary, open_binary, open_text

PREFIX_KEY = "suntech.prefix"
_ID = re.compile(r"\d{6,15}")
_PREFIX = re.compile(r"S[AT]\d{3,4}[A-Z]?")


def is_reply(msg: Text) -> bool:
    return msg.kind == "RES" or (len(msg.fields) > 1 and msg.fields[1] == "Res")


def device_id(msg: Text) -> str:
    f = msg.fields
    if msg.header == "ST910":
        i = 2
    elif is_reply(msg) and msg.kind != "RES":
        i = 2  # ST300CMD;Res;<id>;…
    else:
        i = 1
    if len(f) <= i or not _ID.fullmatch(f[i]):
        raise InvalidField(f"{msg.header} report carries no device id")
    return f[i]


def _kind(msg: Text) -> FrameKind:
    if is_reply(msg):
        return FrameKind.REPLY
    if msg.kind == "ALV":
        return FrameKind.HEARTBEAT
    return FrameKind.DATA


def inspect(frame: bytes, session: Session) -> Uplink:
    if is_binary(frame):
        report = open_binary(frame)
        known = report.kind in BINARY_STARTS  # 0x81 status, 0x82 alert: one record each
        kind = FrameKind.DATA if known else FrameKind.OTHER
        return Uplink(kind=kind, unique_id=report.unique_id, records=int(known))
    msg = open_text(frame)
    uid = device_id(msg)
    prefix = msg.header[: -len(msg.kind)] if msg.header.endswith(msg.kind) else ""
    if _PREFIX.fullmatch(prefix):
        session.state[PREFIX_KEY] = prefix
    kind = _kind(msg)
    return Uplink(kind=kind, unique_id=uid, records=0 if kind == FrameKind.HEARTBEAT else 1)
