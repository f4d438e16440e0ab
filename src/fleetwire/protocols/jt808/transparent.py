"""0x0900 transparent data: a type byte, then what a peripheral or the vendor put there.

Read types, from real captures with the values a mature decoder publishes for them (numbered
in tests/protocols/jt808/captures.py): 0x41 an "$OBD-RT" line (capture #15); 0x40 a length(2)
and a "GTSL|" driver sign-in line (capture #12); 0xF0 an OBD dongle's report whose last block
is GPS ``000C status(2) lat(4) lon(4) [time(6)]`` with JT/T 808 status bits (captures #38 and
#47); 0xFF command answers as text. Other types: the text as ``result`` when it is text."""

from __future__ import annotations

from typing import Final

from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import extended
from .blocks import device_time, lines, status_record, valid_time
from .constants import STATUS_POSITIONED, STATUS_SOUTH, STATUS_WEST
from .framing import Envelope

_OBD_LINE: Final = 0x41
_DRIVER_LINE: Final = 0x40
_OBD_REPORT: Final = 0xF0
_GPS_BLOCK: Final = b"\x00\x0c"


def _obd_report(data: bytes, ctx: DecodeContext) -> list[Record]:
    """0xF0: time(6) at the start; GPS as the last block, with or without its own time."""
    rec = Record(fix_time=device_time(data[:6], ctx), kind=RecordKind.STATUS)
    if len(data) >= 6 + 18 and data[-18:-16] == _GPS_BLOCK and valid_time(data[-6:]):
        gps = data[-16:-6]
        rec.fix_time = device_time(data[-6:], ctx)
    elif len(data) >= 6 + 12 and data[-12:-10] == _GPS_BLOCK:
        gps = data[-10:]
    else:
        return [rec]
    status = int.from_bytes(gps[0:2], "big")
    lat = int.from_bytes(gps[2:6], "big") / 1_000_000
    lon = int.from_bytes(gps[6:10], "big") / 1_000_000
    if lat <= 90 and lon <= 180 and (lat or lon):
        rec.kind = RecordKind.POSITION
        rec.valid = bool(status & STATUS_POSITIONED)
        rec.latitude = -lat if status & STATUS_SOUTH else lat
        rec.longitude = -lon if status & STATUS_WEST else lon
    return [rec]


def decode(env: Envelope, ctx: DecodeContext) -> list[Record]:
    if env.end <= env.start:
        return status_record(ctx, {})
    kind = env.data[env.start]
    data = env.data[env.start + 1 : env.end]
    if kind == _OBD_REPORT:
        return _obd_report(data, ctx)
    if kind == _OBD_LINE:
        rec = status_record(ctx, {})
        extended.obd_text(data, rec[0])
        return rec
    if kind == _DRIVER_LINE and data[2:7] == b"GTSL|":
        fields = data[2:].decode("ascii", "replace").split("|")
        if len(fields) > 4 and fields[4]:
            return status_record(ctx, {"driverUniqueId": fields[4]})
    content = lines(data)
    return status_record(ctx, {"result": content} if content else {})
