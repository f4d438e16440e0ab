"""What an @Track frame means to the gateway, from its header and last field only.

Reads the identity (the IMEI field), the protocol version (kept in the session for commands) and
the count number, and builds the server acknowledgement the documents define: "+SACK:GTHBD,
<protocol version>,<count number>$" for a heartbeat, "+SACK:<count number>$" for every other
message (needed by devices in SACK mode, ignored by the others). Binary frames are framed and
kept but not identified: their identity sits behind a report mask this package does not read.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import Text, check_binary, is_binary, open_text

VERSION_KEY = "gl200.version"
_VERSION = re.compile(r"[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{4})?")  # 6 hex; newer models use 10
_UID = re.compile(r"[0-9A-Za-z]{8,20}")  # IMEI, or a MEID such as A1000043D20139
_IMEI = re.compile(r"\d{15}")
_COUNT = re.compile(r"[0-9A-Fa-f]{4}")


def identity(msg: Text) -> tuple[str | None, str]:
    """(protocol version, unique id). Old firmware puts the IMEI first, without a version."""
    f = msg.fields
    if len(f) >= 2 and _VERSION.fullmatch(f[0]) and _UID.fullmatch(f[1]):
        return f[0], f[1]
    if f and _IMEI.fullmatch(f[0]):
        return None, f[0]
    raise InvalidField(f"{msg.name} carries no unique id")


def count_number(msg: Text) -> str | None:
    last = msg.fields[-1]
    return last.upper() if _COUNT.fullmatch(last) else None


def sack(msg: Text, version: str | None) -> bytes:
    count = count_number(msg)
    if count is None:
        return b""
    if msg.kind == "ACK" and msg.name == "GTHBD":
        return f"+SACK:GTHBD,{version or ''},{count}$".encode("ascii")
    return f"+SACK:{count}$".encode("ascii")


def _kind(msg: Text) -> FrameKind:
    if msg.kind != "ACK":
        return FrameKind.DATA
    return FrameKind.HEARTBEAT if msg.name == "GTHBD" else FrameKind.REPLY


def inspect(frame: bytes, session: Session) -> Uplink:
    if is_binary(frame):
        check_binary(frame)
        return Uplink(kind=FrameKind.OTHER)
    msg = open_text(frame)
    version, uid = identity(msg)
    if version:
        session.state[VERSION_KEY] = version
    kind = _kind(msg)
    records = 0 if kind == FrameKind.HEARTBEAT else 1
    return Uplink(kind=kind, unique_id=uid, ack=sack(msg, version), records=records)
