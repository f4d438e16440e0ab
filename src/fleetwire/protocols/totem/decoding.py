"""Totem frames to Records: the CLASSIC report (alarm type, `$GPRMC` sentence, then the
`|`-separated fields of AVL02 User Guide V1.5 section 3 and AVL-08 GPRS Data Protocol v1.0.1),
found through a table by layout.

Fields after the sentence: PDOP, HDOP, VDOP, Status (12 flags: SOS, buttons A-C, inputs 1-4,
outputs 1-4), RTC (YYYYMMDDHHMMSS), Voltage (ABBBIIII: A charging, BBB battery V x100, IIII
input V x100), ADC (CCCCDDDD, ADC0 V x100; DDDD reserved), LACCI (LLLLCCCC, hex), Temperature
(STTT, tenths of a degree, S a sign or the hundreds digit), then on AVL-08 firmware Odometer,
Serial (0001-9999) and RFID; on AVL02 Serial follows Temperature directly. Some captures leave
out ADC; the odometer (the one field with a '.') anchors the ones around it.

Layouts known only from captures (the compact CLASSIC one without `$GPRMC`, FIXED AT07/AT09
frames: the fixed-width report of types AA, AB, 02…, and E5) give their time and fix
(compact.py). Not decoded, for want of a
source: the odometer (no unit in the documents we could read), a LACCI of other than 8 digits,
the other readings of the captured layouts, and other FIXED types; those frames are framed,
checked and kept in the raw log (so replay decodes them once the layout is sourced).
Knows nothing about replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from . import compact
from .constants import ALARMS, GPRMC, Envelope
from .framing import Frame, open_frame


class Layout(Enum):
    GPRMC = "gprmc"  # the documented report
    NO_FIX = "no fix"  # the GPRMC field all zeros: no sentence yet (captures)
    OTHER = "other"


Decoder = Callable[[str, list[str], DecodeContext], list[Record]]

_ALARM: Final = re.compile(r"[0-9A-Fa-f]{2}")
_DOP: Final = re.compile(r"\d{1,3}(?:\.\d{1,3})?")
_FLAGS: Final = re.compile(r"[01]{12}")
_RTC: Final = re.compile(r"(20\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)")  # 2000-2099, as GPRMC
_VOLTAGE: Final = re.compile(r"([01])(\d{3})(\d{4})")
_ADC: Final = re.compile(r"(\d{4})\d{4}")
_LACCI: Final = re.compile(r"([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})")
_TEMPERATURE: Final = re.compile(r"[0-9-]\d{3}")
_SERIAL: Final = re.compile(r"\d{4}")
_ODOMETER: Final = re.compile(r"\d+\.\d+")
_TIME: Final = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.\d{1,3})?")
_DATE: Final = re.compile(r"(\d\d)(\d\d)(\d\d)")
_COORD: Final = re.compile(r"\d{3,5}\.\d{1,6}")
_DECIMAL: Final = re.compile(r"\d{1,4}(?:\.\d{1,4})?")
_FIXED_FIELDS: Final = 6  # PDOP, HDOP, VDOP, Status, RTC, Voltage
_GPRMC_FIELDS: Final = 9  # time, status, lat, N/S, lon, E/W, speed, course, date
_INPUTS: Final = range(4, 8)  # Status bytes 05-08: inputs 1-4
_OUTPUTS: Final = range(8, 12)  # Status bytes 09-12: outputs 1-4
_NO_TEMPERATURE: Final = "0000"  # "reserve for the device has no temperature sensor"


def _datetime(parts: list[int]) -> datetime | None:
    """Year, month, day, hour, minute, second; None for an impossible date (all zeros)."""
    if len(parts) != 6:
        return None
    year, month, day, hour, minute, second = parts
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def _rtc(value: str, ctx: DecodeContext) -> datetime | None:
    """The unit's clock; UTC in the document's example (it runs a second after the GPRMC
    time), so no zone is assumed unless the ``timezone`` option says otherwise."""
    m = _RTC.fullmatch(value)
    when = _datetime([int(g) for g in m.groups()]) if m else None
    return device_clock_to_utc(when, ctx) if when else None


def _gprmc_time(time: str, date: str) -> datetime | None:
    t, d = _TIME.fullmatch(time), _DATE.fullmatch(date)
    if t is None or d is None:
        return None
    day, month, year = (int(x) for x in d.groups())
    return _datetime([2000 + year, month, day, *(int(x) for x in t.groups())])


def _coordinate(value: str, hemisphere: str, signs: str, limit: int) -> float:
    """NMEA (d)ddmm.mmmm and its hemisphere letter."""
    if not _COORD.fullmatch(value) or hemisphere not in signs:
        raise InvalidField(f"bad coordinate {value[:16]!r} {hemisphere[:2]!r}")
    degrees, minutes = divmod(float(value), 100)
    result = degrees + minutes / 60
    if minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate out of range: {value} {hemisphere}")
    return -result if hemisphere == signs[1] else result


def _decimal(value: str, what: str) -> float | None:
    if not value:
        return None
    if not _DECIMAL.fullmatch(value):
        raise InvalidField(f"bad {what} {value[:16]!r}")
    return float(value)


def _sentence(sentence: str, rec: Record) -> datetime | None:
    """Position, speed and course from the `$GPRMC` fields into ``rec``; its fix time."""
    f = sentence[len(GPRMC) :].split("*", 1)[0].split(",")
    if len(f) < _GPRMC_FIELDS:
        raise InvalidField(f"GPRMC sentence of {len(f)} fields")
    rec.valid = f[1] == "A"
    if f[2] and f[4]:
        lat = _coordinate(f[2], f[3], "NS", 90)
        lon = _coordinate(f[4], f[5], "EW", 180)
        if rec.valid or lat or lon:  # an invalid fix at 0,0 is the receiver's placeholder
            rec.latitude, rec.longitude = lat, lon
    speed, course = _decimal(f[6], "speed"), _decimal(f[7], "course")
    if speed is not None:
        if speed * KNOTS >= 1000:
            raise InvalidField(f"speed {speed} kn")
        rec.speed = round(speed * KNOTS, 2)
    if course is not None:
        if course > 360:
            raise InvalidField(f"course {course}")
        rec.course = course
    return _gprmc_time(f[0], f[8])


def _status(fields: list[str], attrs: Attributes, ctx: DecodeContext) -> datetime | None:
    """PDOP, HDOP, VDOP, Status, RTC and Voltage, present in every layout; the RTC."""
    for key, value in zip(("pdop", "hdop", "vdop"), fields, strict=False):
        if value:
            if not _DOP.fullmatch(value):
                raise InvalidField(f"bad {key} {value[:16]!r}")
            attrs[key] = float(value)
    if _FLAGS.fullmatch(fields[3]):
        for n, i in enumerate(_INPUTS, 1):
            attrs[f"in{n}"] = fields[3][i] == "1"
        for n, i in enumerate(_OUTPUTS, 1):
            attrs[f"out{n}"] = fields[3][i] == "1"
    volts = _VOLTAGE.fullmatch(fields[5])
    if volts:
        attrs["charge"] = volts.group(1) == "1"
        attrs["battery"] = int(volts.group(2)) / 100
        attrs["power"] = int(volts.group(3)) / 100
    return _rtc(fields[4], ctx)


def _pad(values: list[str], n: int, left: bool = False) -> list[str]:
    """``n`` values: the first (or with ``left`` the last) ones, "" for those missing."""
    if left:
        return ([""] * n + values)[-n:]
    return (values + [""] * n)[:n]


def _tail(rest: list[str], attrs: Attributes) -> None:
    """ADC, LACCI, Temperature, [Odometer], Serial, [RFID]: see the module docstring."""
    odometer = next((i for i, v in enumerate(rest) if _ODOMETER.fullmatch(v)), None)
    if odometer is None:  # AVL02: ADC, LACCI, Temperature, Serial
        adc, lacci, temperature, serial = _pad(rest, 4)
        rfid = ""
    else:
        adc, lacci, temperature = _pad(rest[:odometer], 3, left=True)
        serial, rfid = _pad(rest[odometer + 1 :], 2)
    m = _ADC.fullmatch(adc)
    if m:
        attrs["adc1"] = int(m.group(1)) / 100
    m = _LACCI.fullmatch(lacci)
    if m and (lac := int(m.group(1), 16)) | (cid := int(m.group(2), 16)):
        attrs["lac"], attrs["cid"] = lac, cid
    if _TEMPERATURE.fullmatch(temperature) and temperature != _NO_TEMPERATURE:
        sign, digits = temperature[0], temperature[1:]
        attrs["temp1"] = -int(digits) / 10 if sign == "-" else int(temperature) / 10
    if _SERIAL.fullmatch(serial):
        attrs["index"] = int(serial)
    if rfid.strip("0"):
        attrs["driverUniqueId"] = rfid


def _alarm(code: str, rec: Record) -> None:
    event = int(code, 16)
    rec.attributes["event"] = event
    if event in ALARMS:
        rec.attributes["alarm"] = ALARMS[event]


def _report(gps: str, fields: list[str], ctx: DecodeContext) -> list[Record]:
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    fix = _sentence(gps[2:], rec) if gps[2:].startswith(GPRMC.decode()) else None
    rtc = _status(fields, rec.attributes, ctx)
    _tail(fields[_FIXED_FIELDS:], rec.attributes)
    _alarm(gps[:2], rec)
    rec.fix_time = fix or rtc or ctx.received
    if rec.has_position:
        rec.kind = RecordKind.POSITION
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    return [rec]


DECODERS: Final[dict[Layout, Decoder]] = {Layout.GPRMC: _report, Layout.NO_FIX: _report}
_COMPACT: Final = re.compile(r"[0-9A-Fa-f]{2}\d{12}")


def _layout(gps: str) -> Layout:
    rest = gps[2:]
    if rest.startswith(GPRMC.decode()):
        return Layout.GPRMC
    if rest and rest.strip("0") == "":
        return Layout.NO_FIX
    return Layout.OTHER


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame; layouts we have no source for give none."""
    f: Frame = open_frame(frame)
    try:
        text = f.body.decode("ascii")
    except UnicodeDecodeError as e:
        raise InvalidField("non-ASCII report") from e
    if f.envelope is Envelope.FIXED:
        if f.type == "E5":
            return compact.fixed_e5(text)
        return compact.fixed(text) if compact.is_fixed_report(text) else []
    if "|" not in text and _COMPACT.fullmatch(text[:14]):
        return compact.classic_compact(text)
    gps, *fields = text.split("|")
    if not _ALARM.fullmatch(gps[:2]):
        raise InvalidField(f"bad alarm type {gps[:2]!r}")
    decoder = DECODERS.get(_layout(gps))
    if decoder is None:
        return []
    if len(fields) < _FIXED_FIELDS:
        raise InvalidField(f"report of {len(fields)} fields after the position")
    return decoder(gps, fields, ctx)
