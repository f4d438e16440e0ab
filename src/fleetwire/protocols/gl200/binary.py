"""@Track HEX (binary) reports to Records: +RSP/+BSP location reports, +EVT/+BVT event reports
and the +HBD heartbeat, found through a table keyed on the 3-letter header.

Owns the byte layout and the report mask that says which fields are present. Sources:
GV200 "@Track Air Interface Protocol" TRACGV200AN003 section 4.3 (+RSP table and example),
4.6 (+HBD table, example and the packed IMEI), and the <+RSP Mask> bits 0-12 in AT+GTHRM
(document page 209); public GB100 captures for what those pages leave out (marked "capture"
below). Decodes into the same attribute names as the text form (reports.py); what the sources do
not define is not guessed: the message type -> GTxxx name table (so no alarm is claimed, the type
goes to ``event``), the fields after the last position block, +ACK and +LGN (no records); +INF
only in part.
The frame's checksum is not checked (the sources do not give the algorithm). Knows nothing about
replies or text messages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final, NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext

from . import compressed
from .constants import COORD_SCALE, MAX_POSITIONS
from .reports import local_to_utc, motion_state

# <+RSP Mask> bits (TRACGV200AN003 p.209, bits 0-12; 13-19 see _Layout).
SPEED, AZIMUTH, ALTITUDE, CELL, SEND_TIME, COUNT, DEVICE_NAME = range(7)
DEVICE_TYPE, PROTOCOL_VERSION, FIRMWARE_VERSION, BIT11, EXTERNAL_POWER = range(8, 13)
# Capture/document order: analog inputs 1-3, digital inputs, digital outputs, motion status,
# antenna|satellites. The GV200 example (mask FFFFFFBF) carries all of them; the GB100 captures
# (mask 00FC1FBF: bits 13-17 clear) carry none of the first five and both of the last two.
ANALOG_1, DIGITAL_IN, DIGITAL_OUT, MOTION_STATUS, SATELLITES = 13, 16, 17, 18, 19
# +HBD Mask (TRACGV200AN003 p.210).
HBD_DEVICE_TYPE, HBD_PROTOCOL, HBD_FIRMWARE, HBD_NAME, HBD_SEND_TIME, HBD_COUNT, HBD_UID = (
    1, 2, 3, 4, 5, 6, 7,
)  # fmt: skip

UID_SIZE: Final = 8
TIME_SIZE: Final = 7  # year(2) month day hour minute second
CHECKSUM_SIZE: Final = 2
TRAILER: Final = CHECKSUM_SIZE + 2  # checksum, CR LF

# Device types whose <+RSP Mask> bit 11 carries no byte: the GV200 document calls it "Reserved"
# and its example (device type 01; its table's default is 04) has nothing there. GB100 (45, the
# type of the "450102 ... gb100" text capture) sends one byte there (capture: 0x64 = 100, read as
# the backup battery percentage that GL/GB text reports carry). Other types are decoded only when
# bit 11 is clear, the one place where the sources disagree.
BIT11_EMPTY: Final = frozenset({0x01, 0x04})
BIT11_BATTERY: Final = frozenset({0x45})


# +RSP message type 100: a compressed track (compressed.py) instead of position blocks; type 3
# (location by call): the caller's number before the <Number> field (traccar/traccar's
# Gl200BinaryProtocolDecoder, facts; its GB100 capture then lands on 31.16 N 121.39 E).
COMPRESSED: Final = 100
LOCATION_BY_CALL: Final = 3
# +EVT message types whose own fields sit between the status fields and the position (bytes):
# 6 backup battery voltage; 45/46 (ignition on/off) reserved, report type, ignition duration;
# 15 update code and retry; 17 idling duration; 21 GPS signal state and reserved; 26 geofence
# id, enable, mode, radius, interval; 31 jamming value and state; 35 roaming; 33 jamming;
# 23 crash counter; 34 command id and result. From traccar/traccar's Gl200BinaryProtocolDecoder
# (facts), checked on its GB100 type-45 capture (the position lands on 39.61 N 9.07 W).
EVENT_FIELDS: Final[dict[int, int]] = {
    6: 2, 45: 7, 46: 7, 15: 3, 17: 4, 21: 5, 26: 12, 31: 2, 35: 1, 33: 1, 23: 1, 34: 3,
}  # fmt: skip

_NAME = re.compile(r"[0-9A-Za-z_?-]{1,8}")  # <Device Name> characters (AT+GTCFG)


class Header(NamedTuple):
    """What precedes the report body; the fields the mask leaves out are None."""

    message_type: int
    mask: int
    device_type: int | None
    protocol_version: int | None
    firmware_version: int | None
    unique_id: str | None


def unique_id(data: bytes, name: bool) -> str:
    """8 bytes: the device name, zero padded, or the 15-digit IMEI packed two digits a byte with
    the last digit alone (13 57 90 24 68 11 22 0 -> 0D 39 5A 18 44 0B 16 00, TRACGV200AN003 4.6)."""
    if name:
        text = data.rstrip(b"\x00").decode("latin-1")
        if not _NAME.fullmatch(text):
            raise InvalidField(f"bad device name {data.hex()}")
        return text
    *pairs, last = data
    if any(b > 99 for b in pairs) or last > 9:
        raise InvalidField(f"bad packed IMEI {data.hex()}")
    return "".join(f"{b:02d}" for b in pairs) + str(last)


def read_time(r: Reader) -> datetime:
    year, month, day, hour, minute, second = r.u16(), r.u8(), r.u8(), r.u8(), r.u8(), r.u8()
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad time {year}-{month}-{day} {hour}:{minute}:{second}") from e


def _bit(mask: int, bit: int) -> bool:
    return bool(mask >> bit & 1)


def _report_header(r: Reader) -> Header:
    """+RSP/+EVT: type(1) mask(4) length(2, checked by framing) then the identity fields."""
    r.skip(4)
    message_type, mask = r.u8(), r.u32()
    r.skip(2)
    device_type = r.u8() if _bit(mask, DEVICE_TYPE) else None
    protocol = r.u16() if _bit(mask, PROTOCOL_VERSION) else None
    firmware = r.u16() if _bit(mask, FIRMWARE_VERSION) else None
    uid = unique_id(r.bytes(UID_SIZE), _bit(mask, DEVICE_NAME))
    return Header(message_type, mask, device_type, protocol, firmware, uid)


def _bit11(header: Header, r: Reader, attrs: Attributes) -> bool:
    """Read what bit 11 carries for this device type; False: a layout the sources lack."""
    if not _bit(header.mask, BIT11) or header.device_type in BIT11_EMPTY:
        return True
    if header.device_type in BIT11_BATTERY:
        level = r.u8()
        if level > 100:
            raise InvalidField(f"battery percentage {level}")
        attrs["batteryLevel"] = level
        return True
    return False


def _status(mask: int, r: Reader, attrs: Attributes) -> None:
    """External power, analog and digital I/O, motion state and satellites, as the mask says."""
    if _bit(mask, EXTERNAL_POWER):
        attrs["power"] = r.u16() / 1000  # mV
    for n in range(1, 4):
        if _bit(mask, ANALOG_1 + n - 1):
            attrs[f"adc{n}"] = r.u16()  # mV, as the text form's analog inputs
    if _bit(mask, DIGITAL_IN):
        attrs["input"] = r.u8()
    if _bit(mask, DIGITAL_OUT):
        attrs["output"] = r.u8()
    if _bit(mask, MOTION_STATUS):
        motion_state(f"{r.u8():02X}", attrs)  # same codes as the text <State> (0x11 … 0x42)
    if _bit(mask, SATELLITES):
        # "External GPS Antenna Status | Satellites in View": satellites in the low nibble
        # (example 0x18, captures 0x07 and 0x09).
        attrs["satVisible"] = r.u8() & 0x0F


def _block(mask: int, r: Reader, fallback: datetime) -> Record:
    """One position: accuracy, speed, azimuth, altitude, longitude, latitude, GPS UTC time, cell."""
    accuracy = r.u8()
    speed = None
    if _bit(mask, SPEED):  # 3 bytes for 0.0 - 999.9 km/h: whole km/h (2), tenths (1)
        whole, tenths = r.u16(), r.u8()
        if tenths > 9 or whole > 999:
            raise InvalidField(f"speed {whole}.{tenths}")
        speed = whole + tenths / 10
    course = r.u16() if _bit(mask, AZIMUTH) else None
    altitude = r.i16() if _bit(mask, ALTITUDE) else None
    lon, lat = r.i32() / COORD_SCALE, r.i32() / COORD_SCALE
    raw_time = r.bytes(TIME_SIZE)
    fix_time = fallback if not any(raw_time) else read_time(Reader(raw_time))
    rec = Record(fix_time=fix_time, attributes={"hdop": float(accuracy)})
    if course is not None and course > 360:
        raise InvalidField(f"azimuth {course}")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidField(f"position out of range: {lat} {lon}")
    if lon or lat or accuracy:  # all zero: the device never had a fix
        rec.latitude, rec.longitude = lat, lon
        rec.valid = accuracy > 0  # accuracy 0: the last known position (text form alike)
        rec.speed, rec.course = speed, None if course is None else float(course)
        rec.altitude = None if altitude is None else float(altitude)
    if _bit(mask, CELL):
        # MCC and MNC are the text form's decimal digits as BCD (04 60 -> "0460"); LAC and cell
        # id are the text form's hex numbers (18 78 -> "1878").
        mcc, mnc = int(bcd(r.bytes(2))), int(bcd(r.bytes(2)))
        lac, cid = r.u16(), r.u16()
        r.skip(1)  # reserved
        rec.attributes.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)
    return rec


def _trailer(mask: int, data: bytes, ctx: DecodeContext) -> tuple[int, datetime]:
    """Send time and count number sit before the checksum, so they are found from the end: the
    fields between the last block and them are model-specific and not in the sources."""
    end = len(data) - TRAILER - (2 if _bit(mask, COUNT) else 0)
    if not _bit(mask, SEND_TIME):
        return end, ctx.received
    start = end - TIME_SIZE
    if start < 0:
        raise TruncatedFrame("no room for the send time")
    return start, local_to_utc(read_time(Reader(data, start, end)), ctx)


def _skip_phone(r: Reader) -> None:
    """A location-by-call report's caller: a length byte, then the number as BCD digits up to
    the first 0xF nibble (the filler)."""
    r.skip(1)
    while True:
        b = r.u8()
        if b & 0x0F == 0x0F or b & 0xF0 == 0xF0:
            return


def _finish(rec: Record) -> Record:
    if not rec.has_position:
        rec.kind = RecordKind.STATUS
    return rec


def _report(multi: bool, archive: bool) -> Callable[[bytes, DecodeContext], list[Record]]:
    """+RSP/+BSP (``multi``: a <Number> byte, then that many positions) and +EVT/+BVT (no
    <Number>: one position, as the captures show)."""

    def decode(data: bytes, ctx: DecodeContext) -> list[Record]:
        r = Reader(data)
        header = _report_header(r)
        attrs: Attributes = {"event": header.message_type}
        if archive:
            attrs["archive"] = True
        if not _bit11(header, r, attrs):
            return []
        _status(header.mask, r, attrs)
        tail, fallback = _trailer(header.mask, data, ctx)
        r = Reader(data, r.pos, tail)  # blocks must end before the send time
        if multi and header.message_type == COMPRESSED:
            records = compressed.track(r)
            if records:
                records[-1].attributes.update(attrs)
            return records
        if not multi:
            r.skip(EVENT_FIELDS.get(header.message_type, 0))
        r.skip(1)  # <Report ID/Report Type>: its meaning depends on the unsourced message name
        if multi and header.message_type == LOCATION_BY_CALL:
            _skip_phone(r)
        count = max(r.u8(), 1) if multi else 1
        if count > MAX_POSITIONS:
            raise InvalidField(f"{count} positions")
        records = [_block(header.mask, r, fallback) for _ in range(count)]
        for rec in records[:-1]:
            if archive:
                rec.attributes["archive"] = True
            _finish(rec)
        records[-1].attributes.update(attrs)
        _finish(records[-1])
        return records

    return decode


def heartbeat_identity(data: bytes) -> str | None:
    """+HBD (TRACGV200AN003 4.6): mask(1) length(1), then device type, protocol and firmware
    versions, unique id, send time, count number as the mask says. Checked whole; the unique id
    is returned (the text heartbeat gives no records either)."""
    r = Reader(data, 4, len(data) - TRAILER)
    mask = r.u8()
    r.skip(1)
    r.skip(1 if _bit(mask, HBD_DEVICE_TYPE) else 0)
    r.skip(2 if _bit(mask, HBD_PROTOCOL) else 0)
    r.skip(2 if _bit(mask, HBD_FIRMWARE) else 0)
    uid = unique_id(r.bytes(UID_SIZE), _bit(mask, HBD_NAME)) if _bit(mask, HBD_UID) else None
    if _bit(mask, HBD_SEND_TIME):
        read_time(r)
    r.skip(2 if _bit(mask, HBD_COUNT) else 0)
    if r.remaining:
        raise InvalidField(f"{r.remaining} bytes after the heartbeat fields")
    return uid


def _heartbeat(data: bytes, ctx: DecodeContext) -> list[Record]:
    heartbeat_identity(data)
    return []


def _information(data: bytes, ctx: DecodeContext) -> list[Record]:
    """+INF/+BNF: type(1) mask(2) length(2), the unique id, device type, protocol and firmware
    versions, then fields the sources do not lay out alike (a GB100 capture and traccar's
    decoder disagree by a byte), and the send time and count number before the checksum. Only
    the parts both agree on are read: a status record with the firmware version, at the send
    time (the receive time when the bytes there are no time)."""
    r = Reader(data, 4 + 1 + 2 + 2)
    raw = r.bytes(UID_SIZE)
    unique_id(raw, name=raw[:1].isalpha())
    r.skip(1 + 2)  # device type, protocol version
    firmware = r.u16()
    end = len(data) - TRAILER - 2  # the count number
    when = ctx.received
    if end - TIME_SIZE >= r.pos:
        with contextlib.suppress(InvalidField):  # no send time there: the receive time stands in
            when = local_to_utc(read_time(Reader(data, end - TIME_SIZE, end)), ctx)
    attrs: Attributes = {"versionFw": f"{firmware:04X}"}
    if data[1:4] == b"BNF":
        attrs["archive"] = True
    return [Record(when, RecordKind.STATUS, attributes=attrs)]


DECODERS: dict[bytes, Callable[[bytes, DecodeContext], list[Record]]] = {
    b"INF": _information,
    b"BNF": _information,
    b"RSP": _report(multi=True, archive=False),
    b"BSP": _report(multi=True, archive=True),
    b"EVT": _report(multi=False, archive=False),
    b"BVT": _report(multi=False, archive=True),
    b"HBD": _heartbeat,
}


def decode(data: bytes, ctx: DecodeContext) -> list[Record]:
    """A whole binary frame (framing.check_binary's result); an unsourced type gives []."""
    decoder = DECODERS.get(data[1:4])
    return decoder(data, ctx) if decoder is not None else []
