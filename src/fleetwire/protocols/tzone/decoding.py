"""TZONE frames to Records: the '$$' data frame and its length-prefixed blocks.

After the envelope: RTC date-time (6 bytes, YY MM DD hh mm ss, binary, UTC per the TT18-4G-M
document), then blocks each preceded by a uint16 length: GPS (AVL trackers and the GPS loggers
only), LBS, state; later blocks (RFID, sensors, odometer) are not decoded. Sources:
- envelope, LBS and state blocks of the loggers: TT11/TT18 user guides, "GPRS data format";
- the 19-byte logger GPS block: "TT18-4G-M TCP Data Protocol v1.2" worked example (status,
  GPS time, latitude and longitude in 1e-6 degree, speed, course);
- the 22-byte AVL GPS block and the AVL state block: inferred from public captures (see
  constants.py); the vendor's AVL table was not found, so only the fields every capture agrees
  on are decoded;
- alarm types: TZ-AVL05 user guide.
Checks the envelope again (the worker may decode frames the gateway never ACKed); raises only
DeviceErrors; any other protocol number decodes to no records.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ALARMS,
    AVL_DIVISOR,
    AVL_DIVISORS,
    AVL_IO_WIDTH,
    AVL_IO_WIDTHS,
    FLAG_NORTH,
    FLAG_VALID,
    FLAG_WEST,
    LOGGER_DIVISOR,
    LOGGERS_WITH_GPS,
    TIME_SIZE,
    Family,
    ProtocolNumber,
)
from .framing import Envelope, open_frame

MAX_YEAR: Final = 99  # two decimal digits of year, 2000-2099


class Fix(NamedTuple):
    time: datetime
    valid: bool
    latitude: float
    longitude: float
    speed: float  # km/h
    course: float
    satellites: int | None
    hdop: float | None


Attributes = dict[str, Any]
GpsDecoder = Callable[[Reader, int], Fix | None]
BlockDecoder = Callable[[Reader, int, Attributes], None]
Decoder = Callable[[Envelope, bytes, Reader, DecodeContext], list[Record]]


def _time(raw: bytes) -> datetime | None:
    """YY MM DD hh mm ss as binary bytes; None for an unset clock (all zero) or no date."""
    if raw[0] > MAX_YEAR:
        return None
    try:
        return datetime(2000 + raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], tzinfo=UTC)
    except ValueError:
        return None


def _coordinates(lat: float, lon: float, course: float) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= course <= 360):
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")


def _gps_avl(r: Reader, hardware: int) -> Fix | None:
    """22 bytes: satellites, latitude, longitude (unsigned, hemisphere in the flags), GPS time,
    speed (0.1 km/h), course, HDOP (x10), flags, one byte of unknown meaning."""
    satellites = r.u8()
    lat_raw, lon_raw = r.u32(), r.u32()
    t = _time(r.bytes(TIME_SIZE))
    speed, course, hdop, flags = r.u16() / 10, float(r.u16()), r.u8() / 10, r.u8()
    if t is None or (lat_raw == 0 and lon_raw == 0):
        return None  # no fix yet: the block is all zero
    divisor = AVL_DIVISORS.get(hardware, AVL_DIVISOR)
    lat = lat_raw / divisor * (1 if flags & FLAG_NORTH else -1)
    lon = lon_raw / divisor * (-1 if flags & FLAG_WEST else 1)
    _coordinates(lat, lon, course)
    return Fix(t, bool(flags & FLAG_VALID), lat, lon, speed, course, satellites, hdop)


def _gps_logger(r: Reader, hardware: int) -> Fix | None:
    """19 bytes (TT18-4G-M): status, GPS time, latitude, longitude (1e-6 degree), speed, course.
    The example's status is 01 with a fix; its other values and the hemisphere encoding are not
    in the part of the document we have, so status bit 0 is read as "valid" and coordinates as
    north-east."""
    status = r.u8()
    t = _time(r.bytes(TIME_SIZE))
    lat_raw, lon_raw = r.u32(), r.u32()
    speed, course = r.u16() / 10, float(r.u16())
    if t is None or (lat_raw == 0 and lon_raw == 0):
        return None
    lat, lon = lat_raw / LOGGER_DIVISOR, lon_raw / LOGGER_DIVISOR
    _coordinates(lat, lon, course)
    return Fix(t, bool(status & 0x01), lat, lon, speed, course, None, None)


GPS_LAYOUTS: Final[dict[int, GpsDecoder]] = {22: _gps_avl, 19: _gps_logger}
LBS_WITH_NETWORK: Final = 8
LBS_SIZES: Final[dict[int, tuple[int, ...]]] = {Family.AVL: (4,), Family.LOGGER: (4, 8)}


def _lbs(r: Reader, hardware: int, attributes: Attributes) -> None:
    """LAC and cell id (2 bytes each); the loggers' 8-byte form adds MCC and MNC as decimal
    digits in hex ("GPRS data format": 04 60 is MCC 460). Other sizes (the AVL 6- and 8-byte
    forms, whose captures do not fit that layout) are left undecoded."""
    size = r.remaining
    if size not in LBS_SIZES.get(hardware >> 8, ()):
        return
    attributes["lac"], attributes["cid"] = r.u16(), r.u16()
    if size == LBS_WITH_NETWORK:
        mcc, mnc = r.bytes(2).hex(), r.bytes(2).hex()
        if mcc.isdigit() and mnc.isdigit():
            attributes["mcc"], attributes["mnc"] = int(mcc), int(mnc)


def _state_avl(r: Reader, hardware: int, attributes: Attributes) -> None:
    """After alarm and terminal information: I/O, GSM signal, GSM state, battery and external
    power (0.01 V each); further bytes are not decoded."""
    width = AVL_IO_WIDTHS.get(hardware, AVL_IO_WIDTH)
    if r.remaining < width + 6:
        return
    r.skip(width)
    attributes["rssi"] = r.u8()
    r.skip(1)
    attributes["battery"] = r.u16() / 100
    attributes["power"] = r.u16() / 100


def _state_logger(r: Reader, hardware: int, attributes: Attributes) -> None:
    """After alarm and terminal information: GSM signal, GSM state, battery voltage (0.01 V);
    in the 9-byte TT11/TT18 block also temperature (0.01 degree, read as signed: the document
    gives no unit; the examples read 25.22 and 27.44) and humidity (%)."""
    if r.remaining < 4:
        return
    attributes["rssi"] = r.u8()
    r.skip(1)
    attributes["battery"] = r.u16() / 100
    if r.remaining == 3:
        temp = r.u16()
        attributes["temp1"] = (temp - 0x10000 if temp & 0x8000 else temp) / 100
        attributes["humidity"] = r.u8()


STATES: Final[dict[int, BlockDecoder]] = {Family.AVL: _state_avl, Family.LOGGER: _state_logger}


def _block(frame: bytes, r: Reader) -> Reader:
    """The next length-prefixed block as a reader of its own; the outer reader skips it."""
    size = r.u16()
    start = r.pos
    r.skip(size)
    return Reader(frame, start, start + size)


def _has_gps(hardware: int) -> bool:
    return hardware >> 8 == Family.AVL or hardware in LOGGERS_WITH_GPS


def _data(env: Envelope, frame: bytes, r: Reader, ctx: DecodeContext) -> list[Record]:
    rtc = _time(r.bytes(TIME_SIZE))
    if rtc is None:
        raise InvalidField("RTC date-time is not a date")
    attributes: Attributes = {
        "versionHw": f"{env.hardware:04x}",
        "versionFw": env.firmware,
        "index": env.packet_index,
    }
    fix: Fix | None = None
    if _has_gps(env.hardware):
        gps = _block(frame, r)
        layout = GPS_LAYOUTS.get(gps.remaining)
        if layout is not None:
            fix = layout(gps, env.hardware)
    _lbs(_block(frame, r), env.hardware, attributes)
    state = _block(frame, r)
    if state.remaining >= 2:
        alarm, terminal = state.u8(), state.u8()
        attributes["event"] = alarm
        attributes["status"] = terminal
        if alarm in ALARMS:
            attributes["alarm"] = ALARMS[alarm]
        decode_state = STATES.get(env.hardware >> 8)
        if decode_state is not None:
            decode_state(state, env.hardware, attributes)
    kind = RecordKind.EVENT if "alarm" in attributes else RecordKind.POSITION
    if fix is None:
        return [
            Record(
                fix_time=device_clock_to_utc(rtc, ctx),
                kind=kind if kind is RecordKind.EVENT else RecordKind.STATUS,
                attributes=attributes,
            )
        ]
    if fix.satellites is not None:
        attributes["sat"] = fix.satellites
    if fix.hdop is not None:
        attributes["hdop"] = fix.hdop
    return [
        Record(
            fix_time=fix.time,
            kind=kind,
            valid=fix.valid,
            latitude=fix.latitude,
            longitude=fix.longitude,
            speed=fix.speed,
            course=fix.course,
            satellites=fix.satellites,
            attributes=attributes,
        )
    ]


DECODERS: Final[dict[int, Decoder]] = {ProtocolNumber.DATA: _data}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.protocol)
    if decoder is None:
        return []
    return decoder(env, frame, Reader(frame, env.start, env.end), ctx)
