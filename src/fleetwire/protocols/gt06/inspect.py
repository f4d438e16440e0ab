"""What a GT06 frame means to the gateway, from its envelope and protocol number only.

Checks the envelope (markers, length, CRC), reads the IMEI of a login, and gives the exact
reply the device waits for. No content decoding and no clock: the 0x8A time-calibration request
would need the current time in its reply, so it gets none here (see _POLICY); the device then
keeps its own GPS/NITZ time, which is what the request is a fallback for.
"""

from __future__ import annotations

from typing import NamedTuple

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols._binary import bcd
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import MessageType as M
from .framing import open_frame, reply

_IMEI_BYTES = 8


class _Policy(NamedTuple):
    kind: FrameKind
    echo: bool  # reply with the standard ACK echoing protocol number and serial
    records: int


# Replies follow the documents: login, heartbeat and alarm frames must be answered (unanswered
# logins and heartbeats make the device reconnect and finally reboot; alarms are re-sent).
# Location, LBS and information frames are documented as "no response required": sending none
# keeps the downlink quiet for the busiest frame types, and devices never wait for one.
_DATA = _Policy(FrameKind.DATA, False, 1)
_ALARM = _Policy(FrameKind.DATA, True, 1)
_HEARTBEAT = _Policy(FrameKind.HEARTBEAT, True, 1)
_REPLY = _Policy(FrameKind.REPLY, False, 1)
_OTHER = _Policy(FrameKind.OTHER, False, 0)

_POLICY: dict[int, _Policy] = {
    M.LOGIN: _Policy(FrameKind.LOGIN, True, 1),
    M.STATUS: _HEARTBEAT,
    M.HEARTBEAT: _HEARTBEAT,
    M.ALARM: _ALARM,
    M.ALARM_2: _ALARM,
    M.ALARM_FENCES: _ALARM,
    M.ALARM_FENCES_4G: _ALARM,
    M.GPS: _DATA,
    M.GPS_LBS_OLD: _DATA,
    M.GPS_LBS: _DATA,
    M.GPS_LBS_2: _DATA,
    M.GPS_LBS_4G: _DATA,
    M.LBS_EXTEND: _DATA,
    M.LBS_STATUS: _DATA,
    M.LBS_MULTI: _DATA,
    M.LBS_MULTI_4G: _DATA,
    M.INFO: _DATA,
    M.STRING_INFO: _REPLY,
    M.COMMAND_REPLY: _REPLY,
    M.TIME_REQUEST: _OTHER,  # needs the current time: left to a layer that has a clock
}


def login_imei(frame: bytes, start: int, end: int) -> str:
    """The IMEI of a login frame: 8 BCD bytes, the leading zero nibble dropped."""
    if end - start < _IMEI_BYTES:
        raise TruncatedFrame(f"login content of {end - start} bytes has no IMEI")
    digits = bcd(frame[start : start + _IMEI_BYTES])
    return digits[1:] if digits[0] == "0" else digits


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    policy = _POLICY.get(env.protocol, _OTHER)
    ack = reply(env.protocol, env.serial) if policy.echo else b""
    unique_id = login_imei(frame, env.start, env.end) if env.protocol == M.LOGIN else None
    return Uplink(kind=policy.kind, unique_id=unique_id, ack=ack, records=policy.records)
