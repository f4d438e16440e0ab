"""What a GT06 frame means to the gateway, from its envelope and protocol number only.

Checks the envelope (markers, length, CRC), reads the IMEI of a login, and gives the exact
reply the device waits for. No content decoding and no clock: the 0x8A time-calibration reply
carries the server's UTC date-time, taken from ``session.received_us`` (set by the caller); when
that is unknown (0) the request is left unanswered and the device keeps its own GPS/NITZ time,
which the documents allow ("not mandatory to response as the device can calibrate the time by
GPS").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final, NamedTuple

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols._binary import bcd
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import MessageType as M
from .framing import NO_SERIAL, Envelope, build_frame, open_frame, reply, wifi_reply

_IMEI_BYTES = 8
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


class _Policy(NamedTuple):
    kind: FrameKind
    echo: bool  # reply with the standard ACK echoing protocol number and serial
    records: int
    long_reply: bool = False  # a long frame is answered in the long form


# Replies follow the documents: login, heartbeat and alarm frames must be answered (unanswered
# logins and heartbeats make the device reconnect and finally reboot; alarms are re-sent).
# Location, LBS and information frames are documented as "no response required": sending none
# keeps the downlink quiet for the busiest frame types, and devices never wait for one. The
# alarm-like types of later models (LBS alarm 0xA5, fence 0xA3, camera alarm 0x95, AZ735 alarm
# 0x33) and the Jimi IoT modular / peripheral reports (0x70, 0xF2) are answered the same way,
# the AZ735 reports in the long form they came in, as the servers those devices are sold with
# answer them (captures in traccar Gt06ProtocolDecoderTest).
_DATA = _Policy(FrameKind.DATA, False, 1)
_ALARM = _Policy(FrameKind.DATA, True, 1)
_ACKED = _ALARM
_HEARTBEAT = _Policy(FrameKind.HEARTBEAT, True, 1)
_REPLY = _Policy(FrameKind.REPLY, False, 1)
_OTHER = _Policy(FrameKind.OTHER, False, 0)

_POLICY: dict[int, _Policy] = {
    M.LOGIN: _Policy(FrameKind.LOGIN, True, 1),
    M.STATUS: _HEARTBEAT,
    M.HEARTBEAT: _HEARTBEAT,
    M.STATUS_2: _HEARTBEAT,
    M.ALARM: _ALARM,
    M.ALARM_2: _ALARM,
    M.ALARM_FENCES: _ALARM,
    M.ALARM_FENCES_4G: _ALARM,
    M.LBS_STATUS: _ALARM,
    M.FENCE_SINGLE: _ALARM,
    M.LBS_ALARM_4G: _ALARM,
    M.ALARM_FILES: _ALARM,
    M.GPS_MODULAR: _ACKED,
    M.PERIPHERAL: _ACKED,
    M.GPS_LBS_STATUS_4: _Policy(FrameKind.DATA, False, 1, long_reply=True),
    M.WIFI_5: _Policy(FrameKind.DATA, False, 1, long_reply=True),
    M.GPS: _DATA,
    M.GPS_LBS_OLD: _DATA,
    M.GPS_LBS: _DATA,
    M.GPS_LBS_2: _DATA,
    M.GPS_LBS_4G: _DATA,
    M.GPS_LBS_3: _DATA,
    M.GPS_LBS_5: _DATA,
    M.GPS_LBS_8: _DATA,
    M.GPS_LBS_EXTEND: _DATA,
    M.X1_GPS: _DATA,
    M.IBUTTON: _DATA,
    M.WIFI: _DATA,
    M.WIFI_2: _DATA,
    M.WIFI_4: _DATA,
    M.WIFI_4G: _DATA,
    M.LBS_EXTEND: _DATA,
    M.LBS_MULTI: _DATA,
    M.LBS_MULTI_2: _DATA,
    M.LBS_MULTI_3: _DATA,
    M.LBS_MULTI_4G: _DATA,
    M.LBS_WIFI: _DATA,
    M.LBS_ADDRESS_4G: _DATA,
    M.INFO: _DATA,
    M.SERIAL: _DATA,
    M.OBD: _DATA,
    M.STRING_INFO: _REPLY,
    M.COMMAND_REPLY: _REPLY,
    M.TIME_REQUEST: _OTHER,  # answered by time_reply() when the receive time is known
}


def login_imei(frame: bytes, start: int, end: int) -> str:
    """The IMEI of a login frame: 8 BCD bytes, the leading zero nibble dropped."""
    if end - start < _IMEI_BYTES:
        raise TruncatedFrame(f"login content of {end - start} bytes has no IMEI")
    digits = bcd(frame[start : start + _IMEI_BYTES])
    return digits[1:] if digits[0] == "0" else digits


def time_reply(serial: int, received_us: int) -> bytes:
    """The server's answer to a 0x8A time request: `78 78 0B 8A YY MM DD hh mm ss <serial>
    <crc> 0D 0A`, the UTC date-time as one binary (not BCD) byte per field, year without its
    century, and the request's serial echoed (Concox JM-VL03 v1.1.2 section 8 and the multi-model
    "GPS Tracker Communication Protocol" V3.1 section II.9.2). The documents describe that serial
    field only with their generic "serial number" text; the echo is read from their examples,
    which answer the 0x8A request of serial 0x0006 with serial 0x0006, as every other documented
    server reply echoes. b"" when the receive time is unknown (<= 0).
    The reply leaves after the frame is durable, so the device gets the time it was received:
    early by the commit latency, well under the one-second resolution for a healthy store."""
    if received_us <= 0:
        return b""
    t = _EPOCH + timedelta(microseconds=received_us)
    content = bytes((t.year % 100, t.month, t.day, t.hour, t.minute, t.second))
    return build_frame(M.TIME_REQUEST, content, serial)


def _ack(frame: bytes, env: Envelope, policy: _Policy, session: Session) -> bytes:
    if env.serial == NO_SERIAL:
        # the CRC-less variants: only the GT03 WiFi frames have an answer of their own
        return wifi_reply(frame) if env.protocol in (M.WIFI, M.WIFI_2) else b""
    if env.protocol == M.TIME_REQUEST:
        return time_reply(env.serial, session.received_us)
    if policy.long_reply and env.long:
        return reply(env.protocol, env.serial, long=True)
    return reply(env.protocol, env.serial) if policy.echo else b""


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    policy = _POLICY.get(env.protocol, _OTHER)
    if policy.long_reply and not env.long:
        policy = _DATA  # the short frames under these numbers are other models' locations
    ack = _ack(frame, env, policy, session)
    unique_id = login_imei(frame, env.start, env.end) if env.protocol == M.LOGIN else None
    return Uplink(kind=policy.kind, unique_id=unique_id, ack=ack, records=policy.records)
