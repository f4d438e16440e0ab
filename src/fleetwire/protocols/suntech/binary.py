"""Suntech universal binary ("zip") reports to Records: 0x81 status (STT), 0x82 alert (ALT).

Owns the byte layout of those reports and the field map that selects their fields; knows
nothing about text reports, and reads the envelope (type byte, length, BCD id) only through
framing.open_binary.

Layout: HDR (1: 0x81 / 0x82), PKT_LEN (2), DEV_ID (5, BCD), a 3-byte field map, then each field
whose map bit is set, in bit order, which is the field order of the text ("Normal") form of the
same report (Suntech "Universal Reporting Guide", sections 1 and 2: each report has a "Zip (HEX,
fixed length)" and a "Normal (ASCII)" form). Bit 0 is DEV_ID, always there; bits 1-18 MODEL …
OUT_STATE are common; bits 19-21 are the report's own (STT: MODE, STT_RPT_TYPE, MSG_NUM; ALT:
ALERT_ID, ALERT_MOD, ALERT_DATA). That numbering is the one under which the text captures with
maps 3FFFFF and BFFFFF have exactly their fields; the field widths are the ones under which the
binary captures land every field on a sane value (tests/protocols/suntech/vectors.py).
Bytes after bit 21 (RESERVED and ASSIGN_MAP with its per-device "assigned" fields on newer
firmware, an undeclared tail on older firmware) are not read: their meaning is set by each
device's configuration, and the text decoder does not read them either; they stay in the raw
frame. No checksum: the length is the only integrity check the format has, and no reply.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import ALERT_DRIVER, ALERT_IGNITION, ALERTS, BINARY_ALERT, BINARY_STATUS
from .framing import open_binary

_MAP_SIZE: Final = 3
_VARIABLE: Final = 0  # a size of 0: a length byte, then that many bytes

# (map bit, field, size in bytes). Sizes: DATE and TIME are three binary bytes each (YY MM DD,
# HH MM SS), SW_VER three (major, minor, patch), LAT/LON four (sign and magnitude, 1e-6
# degrees), SPD/CRS two (1/100 km/h, 1/100 degree), as the real frames in the tests show.
Layout = tuple[tuple[int, str, int], ...]
_COMMON: Final[Layout] = (
    (1, "model", 1), (2, "sw_ver", 3), (3, "msg_type", 1), (4, "date", 3), (5, "time", 3),
    (6, "cell_id", 4), (7, "mcc", 2), (8, "mnc", 2), (9, "lac", 2), (10, "rx_lvl", 1),
    (11, "lat", 4), (12, "lon", 4), (13, "spd", 2), (14, "crs", 2), (15, "satt", 1),
    (16, "fix", 1), (17, "in_state", 1), (18, "out_state", 1),
)  # fmt: skip
_STATUS: Final[Layout] = (*_COMMON, (19, "mode", 1), (20, "stt_rpt_type", 1), (21, "msg_num", 2))
_ALERT: Final[Layout] = (
    *_COMMON, (19, "alert_id", 1), (20, "alert_mod", 1), (21, "alert_data", _VARIABLE),
)  # fmt: skip

_SIGN: Final = 0x8000_0000
_MICRO: Final = 1_000_000

Fields = dict[str, int]
Decoder = Callable[[Reader, int, DecodeContext], list[Record]]


def _read(r: Reader, mask: int, layout: Layout) -> tuple[Fields, bytes]:
    """The mapped fields as integers (ALERT_DATA: its length) and the variable field's bytes."""
    out: Fields = {}
    data = b""
    for bit, name, size in layout:
        if mask >> bit & 1:
            if size == _VARIABLE:
                size = out[name] = r.u8()
                data = r.bytes(size)
            else:
                out[name] = r.uint(size)
    return out, data


def _fix_time(v: Fields, ctx: DecodeContext) -> datetime:
    """GPS date and time, UTC; the receive time when the map leaves either out."""
    if "date" not in v or "time" not in v:
        return ctx.received
    d, t = v["date"], v["time"]
    year, month, day = d >> 16, d >> 8 & 0xFF, d & 0xFF
    if year > 99:  # a two-digit year
        raise InvalidField(f"bad date {d:06x}")
    try:
        return datetime(2000 + year, month, day, t >> 16, t >> 8 & 0xFF, t & 0xFF, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {d:06x} {t:06x}") from e


def _coordinate(raw: int, limit: int) -> float:
    """Sign and magnitude: the top bit set is south / west."""
    value = (raw & ~_SIGN) / _MICRO
    if value > limit:
        raise InvalidField(f"coordinate {raw:08x} out of range")
    return -value if raw & _SIGN else value


def _record(v: Fields, ctx: DecodeContext) -> Record:
    """The fields the text form also gives: time, position, GPS, I/O, stored or real time."""
    rec = Record(fix_time=_fix_time(v, ctx))
    if "lat" in v and "lon" in v:
        rec.latitude, rec.longitude = _coordinate(v["lat"], 90), _coordinate(v["lon"], 180)
    else:
        rec.kind = RecordKind.STATUS
    if "spd" in v:
        rec.speed = v["spd"] / 100
    if "crs" in v:
        rec.course = v["crs"] / 100
        if rec.course > 360:
            raise InvalidField(f"course {rec.course}")
    if v.get("satt", 100) < 100:
        rec.satellites = v["satt"]
    rec.valid = v.get("fix") == 1 and rec.has_position
    a = rec.attributes
    if "in_state" in v:
        a["input"] = v["in_state"]
        # IN_STATE holds the inputs in the order of the text form's I/O string, whose first
        # digit is the ignition: bit 0 (a capture with IN_STATE 2 has the ignition off)
        a["ignition"] = bool(v["in_state"] & 1)
    if "out_state" in v:
        a["output"] = v["out_state"]
    if v.get("msg_type") == 0:  # 1: real time, 0: from the device's storage
        a["archive"] = True
    return rec


def _status(r: Reader, mask: int, ctx: DecodeContext) -> list[Record]:
    v, _ = _read(r, mask, _STATUS)
    rec = _record(v, ctx)
    if "msg_num" in v:
        rec.attributes["index"] = v["msg_num"]
    return [rec]


def _alert(r: Reader, mask: int, ctx: DecodeContext) -> list[Record]:
    """ALERT_ID as ``event`` and, where the shared table names it, ``alarm`` (as in text)."""
    v, data = _read(r, mask, _ALERT)
    rec = _record(v, ctx)
    a = rec.attributes
    if "alert_id" in v:
        alert = a["event"] = v["alert_id"]
        if alert == ALERT_DRIVER and data:
            a["driverUniqueId"] = data.hex()  # the iButton's 8-byte ROM id
        if alert in ALERTS:
            a["alarm"] = ALERTS[alert]
            rec.kind = RecordKind.EVENT
        if alert in ALERT_IGNITION:
            a["ignition"] = ALERT_IGNITION[alert]
    return [rec]


DECODERS: Final[dict[int, Decoder]] = {BINARY_STATUS: _status, BINARY_ALERT: _alert}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """One whole binary report; a report type without a decoder gives no records."""
    report = open_binary(frame)
    decoder = DECODERS.get(report.kind)
    if decoder is None:
        return []
    r = Reader(report.data, report.body)
    mask = r.uint(_MAP_SIZE)
    return decoder(r, mask, ctx)
