"""Xirgo `$$` messages to Records: which documented layout a message has, and each field code's
meaning, both through tables.

The layout is not in the message: units are configured with one, and the documents give one per
product line and event. It is chosen by the event number and the field count (a trailing extra
field is the optional <SEQ>); a ``form`` decode option (the field codes in order, comma
separated, e.g. "UID,EV,D,T,LT,LN,AL,GSPT,HD,SV,HP,BV,CQ,GS,SI,IG,OT") overrides that for units
with a configured message format. A count no documented layout has is decoded as far as every
layout agrees (date, time, position, altitude, speed). Knows nothing about replies.

Ambiguities: 22 fields is the XT-2150 layout and also XT-2060 + <SEQ>; the captures are
XT-2150, so that wins. 24 fields is XT-2060 + accelerometer in the captures, while the XT-2000
document puts AX/AY/AZ before GT/FL; neither pair is decoded, so only FL could be misread.
The units are not in the reachable excerpts: decimal degrees, metres, mph, miles and volts are
what the field names and the captures (Miami, Calgary, Phoenix positions; 12-14 V) show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ACCEL,
    ALARMS,
    COMMON,
    GPS_LOCKED,
    IGNITION,
    INFO_EVENTS,
    INPUT2,
    MILE,
    MOTION,
    MPH,
    SHORT_A,
    XT2060,
    XT2060_GEOFENCE,
    XT2060_IGNITION_ON,
    XT2060_INFO,
    XT2150,
)
from .framing import open_message

Setter = Callable[[Record, str], None]

_DATE = re.compile(r"(\d{4})/(\d\d)/(\d\d)|(\d\d)/(\d\d)/(\d{4})")  # yyyy/mm/dd or mm/dd/yyyy
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)")
_NUMBER = re.compile(r"[+-]?\d+(\.\d*)?")

# (layout, the events it is documented for; None: any), most specific first
LAYOUTS: tuple[tuple[tuple[str, ...], frozenset[int] | None], ...] = (
    (XT2060_IGNITION_ON, frozenset({6011})),
    (XT2060_GEOFENCE, frozenset({6004})),
    (XT2060_INFO, INFO_EVENTS),
    ((*XT2060_INFO, *ACCEL), INFO_EVENTS),
    (SHORT_A, None),
    (XT2060, None),
    (XT2150, None),
    ((*XT2060, *ACCEL), None),
)


def layout(fields: list[str], event: int, form: object = None) -> tuple[str, ...]:
    """The field codes of a message of ``fields`` with ``event``, or of the configured form."""
    if isinstance(form, str) and form:
        return tuple(code.strip() for code in form.split(","))
    for extra in ((), ("SEQ",)):
        for codes, events in LAYOUTS:
            if (events is None or event in events) and len(codes) + len(extra) == len(fields):
                return (*codes, *extra)
    return COMMON


def _number(text: str) -> float | None:
    if not text:
        return None
    if _NUMBER.fullmatch(text) is None:
        raise InvalidField(f"bad number {text[:16]!r}")
    return float(text)


def _bounded(text: str, low: float, high: float, what: str) -> float | None:
    value = _number(text)
    if value is not None and not low <= value <= high:
        raise InvalidField(f"{what} {value} out of range")
    return value


def _latitude(rec: Record, text: str) -> None:
    rec.latitude = _bounded(text, -90, 90, "latitude")


def _longitude(rec: Record, text: str) -> None:
    rec.longitude = _bounded(text, -180, 180, "longitude")


def _altitude(rec: Record, text: str) -> None:
    rec.altitude = _number(text)


def _speed(rec: Record, text: str) -> None:
    mph = _bounded(text, 0, 600, "speed")
    if mph is not None:
        rec.speed = round(mph * MPH, 2)


def _course(rec: Record, text: str) -> None:
    value = _number(text)
    # A configured-form XT unit was captured sending heading 1645 beside a good fix: a heading
    # past 360 is no heading, but it does not make the position wrong.
    rec.course = value if value is not None and 0 <= value <= 360 else None


def _satellites(rec: Record, text: str) -> None:
    value = _bounded(text, 0, 99, "satellites")
    if value is not None:
        rec.satellites = int(value)


def _gps(rec: Record, text: str) -> None:
    value = _bounded(text, 0, 255, "GPS status")
    if value is not None:
        rec.attributes["gps"] = int(value)
        rec.valid = value == GPS_LOCKED


def _odometer(rec: Record, text: str) -> None:
    miles = _bounded(text, 0, 1e8, "mileage")
    if miles is not None:
        rec.attributes["odometer"] = round(miles * MILE)


def _flag(key: str) -> Setter:
    def set_flag(rec: Record, text: str) -> None:
        if text in ("0", "1"):
            rec.attributes[key] = text == "1"

    return set_flag


def _float(key: str, low: float, high: float) -> Setter:
    def set_float(rec: Record, text: str) -> None:
        value = _bounded(text, low, high, key)
        if value is not None:
            rec.attributes[key] = value

    return set_float


def _int(key: str, low: int, high: int) -> Setter:
    def set_int(rec: Record, text: str) -> None:
        value = _bounded(text, low, high, key)
        if value is not None:
            rec.attributes[key] = int(value)

    return set_int


def _text(key: str) -> Setter:
    def set_text(rec: Record, text: str) -> None:
        if text:
            rec.attributes[key] = text

    return set_text


# Field code -> what it sets. Codes not here (UID, EV, D, T read apart; AC/DC acceleration and
# AX/AY/AZ accelerometer of undocumented scale, MG, GT, XY, OC, IG, PF, SI ...) are skipped.
FIELDS: dict[str, Setter] = {
    "LT": _latitude,
    "LN": _longitude,
    "AL": _altitude,
    "SP": _speed,
    "GSPT": _speed,  # GPS speed, in configured forms
    "HD": _course,
    "SV": _satellites,
    "HP": _float("hdop", 0, 99.9),
    "BV": _float("power", 0, 100),  # vehicle (main) battery, volts
    "CQ": _int("rssi", 0, 99),  # cellular signal quality, 0-31 / 99 unknown
    "MI": _odometer,
    "GS": _gps,
    "RP": _float("rpm", 0, 20000),
    "FL": _float("fuelLevel", 0, 100),
    "OT1": _flag("out1"),
    "IN2S": _flag("in2"),
    "VN": _text("vin"),
    "FWM": _text("versionFw"),
    "SEQ": _int("index", 0, 1 << 32),
}


def _fix_time(date_text: str, time_text: str) -> datetime | None:
    """UTC date and time of the fix; None when the date field is not a date at all."""
    d = _DATE.fullmatch(date_text)
    if d is None:
        return None
    y, mo, dd = (d.group(1), d.group(2), d.group(3)) if d.group(1) else (
        d.group(6), d.group(4), d.group(5),
    )  # fmt: skip
    t = _TIME.fullmatch(time_text)
    if t is None:
        raise InvalidField(f"bad time {time_text[:12]!r}")
    try:
        hh, mi, ss = (int(x) for x in t.groups())
        return datetime(int(y), int(mo), int(dd), hh, mi, ss, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date/time {date_text} {time_text}") from e


def _event(rec: Record, event: int) -> None:
    a = rec.attributes
    a["event"] = event
    for table, key in ((IGNITION, "ignition"), (MOTION, "motion"), (INPUT2, "in2")):
        if event in table:
            a[key] = table[event]
    if event in ALARMS:
        a["alarm"] = ALARMS[event]


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    _, fields = open_message(frame)
    if len(fields) < 2 or not fields[1].isdigit() or len(fields[1]) > 6:
        raise InvalidField(f"bad event number {fields[1][:8] if len(fields) > 1 else ''!r}")
    event = int(fields[1])
    codes = layout(fields, event, ctx.options.get("form"))
    values = dict(zip(codes, fields, strict=False))
    if "D;T" in values:  # configured forms may join date and time with ';'
        values["D"], _, values["T"] = values["D;T"].partition(";")
    when = ctx.received
    if values.get("D"):  # empty while a unit has had no fix since power-up
        fix = _fix_time(values["D"], values.get("T", ""))
        if fix is None:
            return []  # not a location message (firmware/configuration answers)
        when = fix
    rec = Record(fix_time=when, kind=RecordKind.STATUS)
    for code, text in values.items():
        setter = FIELDS.get(code)
        if setter is not None:
            setter(rec, text.strip())
    if (rec.latitude is None) != (rec.longitude is None):
        raise InvalidField("latitude without longitude")
    if rec.has_position:
        rec.kind = RecordKind.POSITION
        if "gps" not in rec.attributes:
            rec.valid = True  # no GPS status in this layout: a fix was reported
    _event(rec, event)
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    return [rec]


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
