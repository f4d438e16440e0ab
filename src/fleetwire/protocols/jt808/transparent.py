"""0x0900 transparent data: a type byte, then what a peripheral or the vendor put there.

Read types, from real captures with the values a mature decoder publishes for them (numbered
in tests/protocols/jt808/captures.py): 0x41 an "$OBD-RT" line (capture #15); 0x40 a length(2)
and a "GTSL|" driver sign-in line (capture #12); 0xF0 an OBD dongle's report whose last block
is GPS ``000C status(2) lat(4) lon(4) [time(6)]`` with JT/T 808 status bits (captures #38 and
#47); 0xFF command answers as text. Other types: the text as ``result`` when it is text."""

from __future__ import annotations

from typing import Final

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from . import extended
from .blocks import device_time, lines, status_record, valid_time
from .constants import STATUS_POSITIONED, STATUS_SOUTH, STATUS_WEST
from .framing import Envelope
from .location import location

_OBD_LINE: Final = 0x41
_DRIVER_LINE: Final = 0x40
_OBD_REPORT: Final = 0xF0
_GPS_BLOCK: Final = b"\x00\x0c"


_DTC_BLOCK: Final = 0x02


def _trouble_codes(data: bytes) -> str:
    """Sub-type 02 of an 0xF0 report (after time(6), archive(1), vehicle type(1), sub-type(1)):
    systems(2), per system id(4) codes(2), per code dtc(4) state(4) text(length(2)) (capture
    #32: "P1457")."""
    r = Reader(data, 9)
    codes = []
    for _ in range(r.u16()):
        r.skip(4)
        for _ in range(r.u16()):
            r.skip(8)
            code = r.bytes(r.u16()).rstrip(b"\x00").decode("ascii", "replace").strip()
            if code:
                codes.append(code)
    return " ".join(codes)


def _obd_report(data: bytes, ctx: DecodeContext) -> list[Record]:
    """0xF0: time(6) at the start; GPS as the last block, with or without its own time."""
    rec = Record(fix_time=device_time(data[:6], ctx), kind=RecordKind.STATUS)
    if len(data) > 8 and data[8] == _DTC_BLOCK:
        codes = _trouble_codes(data)
        if codes:
            rec.attributes["dtcs"] = codes
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


# AOVX (GL100/AL300) types: the basic location's status(4) lat(4) lon(4) altitude(2) speed(2)
# course(2) time(6), then BLE tags or sensor samples (Jt808 captures #114 and #115)
_BLE_TAGS: Final = 0x53
_SENSOR_SAMPLES: Final = 0x54
_AOVX_BASIC: Final = 24


def _tags(r: Reader, attrs: Attributes) -> None:
    """0x53: total tags(1), then per tag index(1, from 0) MAC(6) RSSI(1, signed) data(length(1))."""
    r.skip(1)
    while r.remaining >= 9:
        n = r.u8() + 1
        attrs[f"tag{n}Mac"] = r.bytes(6).hex()
        attrs[f"tag{n}Rssi"] = r.i8()
        attrs[f"tag{n}Data"] = r.bytes(min(r.u8(), r.remaining)).hex()


def _samples(r: Reader, attrs: Attributes) -> None:
    """0x54: samples of mask(2) time(6) and the fields the mask names: light(2), device
    temperature and humidity (2+2, tenths), external temperature(2, tenths), acceleration(6),
    air pressure(2); the last sample's values are kept (capture #115: 00F4 is 24.4 C)."""
    while r.remaining >= 8:
        mask = r.u16()
        r.skip(6)
        if mask & 0x01:
            attrs["lightSensor"] = r.u16()
        if mask & 0x02:
            attrs["deviceTemp"] = r.i16() / 10
            attrs["humidity"] = r.i16() / 10
        if mask & 0x04:
            attrs["temp3"] = r.i16() / 10
        if mask & 0x08:
            r.skip(6)
        if mask & 0x10:
            attrs["airPressure"] = r.u16()


def _aovx(kind: int, data: bytes, ctx: DecodeContext) -> Record:
    rec = location(bytes(4) + data[:_AOVX_BASIC], 0, 4 + _AOVX_BASIC, ctx)  # no alarm word
    r = Reader(data, _AOVX_BASIC)
    (_tags if kind == _BLE_TAGS else _samples)(r, rec.attributes)
    return rec


def decode(env: Envelope, ctx: DecodeContext) -> list[Record]:
    if env.end <= env.start:
        return status_record(ctx, {})
    kind = env.data[env.start]
    data = env.data[env.start + 1 : env.end]
    if kind == _OBD_REPORT:
        return _obd_report(data, ctx)
    if kind in (_BLE_TAGS, _SENSOR_SAMPLES):
        return [_aovx(kind, data, ctx)]
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
