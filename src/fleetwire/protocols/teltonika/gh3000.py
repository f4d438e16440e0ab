"""GH3000 (codec 0x07) AVL records: a 30-bit time from 2007, then masks saying which GPS fields
and which IO groups follow.

Layout (Teltonika GH3000 protocol, as Traccar's test captures confirm): u32 time (top two bits
are the priority), a global mask (bit 0 GPS element, bits 1-3 IO groups of 1, 2 and 4-byte
values); the GPS element has its own mask: bit 0 latitude and longitude (IEEE floats), 1
altitude (u16 m), 2 angle (u8, 360/256 degrees), 3 speed (u8 km/h), 4 satellites (u8), 5 LAC and
cell id (u16 each), 6 signal quality (u8), 7 operator code (u32). A record without a GPS element
or coordinates is a status record at its own time.
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader

_EPOCH_2007: Final = datetime(2007, 1, 1, tzinfo=UTC)
_TIME_BITS: Final = 0x3FFFFFFF
_COORDINATES: Final = struct.Struct(">ff")  # latitude, longitude


def _battery(value: int) -> float:
    return value / 1000  # mV


# GH3000 IO ids differ from the FMB list: these are the GH3000 document's.
_IO: Final[dict[int, tuple[str, Any]]] = {
    1: ("batteryLevel", int),
    2: ("usbConnected", bool),
    5: ("uptime", int),  # s
    20: ("hdop", lambda v: v / 10),
    21: ("vdop", lambda v: v / 10),
    22: ("pdop", lambda v: v / 10),
    67: ("battery", _battery),
    221: ("button", int),
    240: ("motion", bool),
    244: ("roaming", bool),
}
_SOS: Final = 222


def _put(attributes: dict[str, Any], io_id: int, value: int) -> None:
    if io_id == _SOS:
        if value == 1:
            attributes["alarm"] = "sos"
        return
    known = _IO.get(io_id)
    if known is None:
        attributes[f"io{io_id}"] = value
    else:
        attributes[known[0]] = known[1](value)


def gh3000_record(r: Reader) -> Record:
    raw_time = r.u32()
    time = _EPOCH_2007 + timedelta(seconds=raw_time & _TIME_BITS)
    attributes: dict[str, Any] = {"priority": raw_time >> 30}
    fields: dict[str, Any] = {}
    mask = r.u8()
    if mask & 0x01:
        fields = _gps_element(r, attributes)
    for bit, size in ((0x02, 1), (0x04, 2), (0x08, 4)):
        if mask & bit:
            for _ in range(r.u8()):
                io_id = r.u8()
                _put(attributes, io_id, r.uint(size))
    if "latitude" not in fields:
        return Record(fix_time=time, kind=RecordKind.STATUS, attributes=attributes)
    sats = fields.get("satellites")
    return Record(fix_time=time, kind=RecordKind.POSITION, valid=sats is None or sats > 0,
                  attributes=attributes, **fields)  # fmt: skip


def _gps_element(r: Reader, attributes: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    gps = r.u8()
    if gps & 0x01:
        lat, lon = r.unpack(_COORDINATES)
        if not (math.isfinite(lat) and math.isfinite(lon)):
            raise InvalidField(f"coordinates {lat}, {lon}")
        fields["latitude"], fields["longitude"] = round(lat, 6), round(lon, 6)
    if gps & 0x02:
        fields["altitude"] = float(r.u16())
    if gps & 0x04:
        fields["course"] = r.u8() * 360 / 256
    if gps & 0x08:
        fields["speed"] = float(r.u8())
    if gps & 0x10:
        fields["satellites"] = attributes["sat"] = r.u8()
    if gps & 0x20:
        attributes["lac"] = r.u16()
        attributes["cid"] = r.u16()
    if gps & 0x40:
        attributes["rssi"] = r.u8()
    if gps & 0x80:
        attributes["operator"] = r.u32()
    return fields
