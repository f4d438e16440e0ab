"""GPS103 messages to Records: the report layout (GPS `F` or cell-only `L`), the OBD report and
the alternative report (`*`-terminated), chosen through a table by keyword; logon and heartbeat
carry nothing to store (the gateway's session records say the device is connected).

Report: `imei:<IMEI>,<keyword>,<local yyMMddHHmm[ss]>,<phone|rfid>,<F|L>,<hhmmss[.sss] UTC>,
<A|V>,<lat>,<N|S>,<lon>,<E|W>,<speed kn>,<course>,<altitude>,<acc>,<door>,<fuel1 %>,<fuel2 %>,
<temp>`; the GPS time has no date, so the date is the unit's local date corrected by the
local-minus-UTC offset read from the two clocks. Knows nothing about replies (inspect.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import ddmmyy_hhmmss, device_clock_to_utc
from fleetwire.protocols._units import KNOTS
from fleetwire.protocols.base import DecodeContext

from .constants import ALARMS, FUEL_LEAK_PREFIX, IGNITION_KEYWORDS
from .framing import Shape, open_message

Decoder = Callable[[list[str], DecodeContext], list[Record]]

_LOCAL = re.compile(r"(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?|(\d\d)/(\d\d)/(\d\d) (\d\d):(\d\d)")
_GPS_TIME = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.\d+)?")
_DEG_MIN = re.compile(r"(\d{1,3}?)(\d{1,2}\.\d+)")
_DECIMAL = re.compile(r"[+-]?\d+(\.\d*)?")
_HALF_DAY = timedelta(hours=12)
_DAY = timedelta(days=1)


def _field(f: list[str], i: int) -> str:
    return f[i].strip() if i < len(f) else ""


def _decimal(text: str) -> float | None:
    text = text.strip().rstrip("%")
    return float(text) if _DECIMAL.fullmatch(text) else None


def _local_time(text: str, ctx: DecodeContext) -> datetime | None:
    """The unit's clock (local time; the ``timezone`` option, in hours, makes it UTC)."""
    m = _LOCAL.fullmatch(text.strip())
    if m is None:
        return None
    values = [int(x) for x in m.groups() if x is not None]
    yy, mo, dd, hh, mi, ss = values + [0] * (6 - len(values))  # seconds are optional
    try:
        t = datetime(2000 + yy, mo, dd, hh, mi, ss, tzinfo=UTC)
    except ValueError:
        return None  # "000000000" and friends: the unit had no clock yet
    return device_clock_to_utc(t, ctx)


def _fix_time(local_text: str, gps_text: str, ctx: DecodeContext) -> datetime:
    local = _local_time(local_text, ctx)
    m = _GPS_TIME.fullmatch(gps_text.strip())
    if m is None:
        return local or ctx.received
    hh, mi, ss = (int(x) for x in m.groups())
    if hh > 23 or mi > 59 or ss > 59:
        raise InvalidField(f"bad GPS time {gps_text!r}")
    base: date = (local or ctx.received).date()
    t = datetime.combine(base, time(hh, mi, ss), tzinfo=UTC)
    reference = local or ctx.received
    if t - reference > _HALF_DAY:  # UTC is still "yesterday" for the unit
        t -= _DAY
    elif reference - t > _HALF_DAY:
        t += _DAY
    return t


def _coordinate(value: str, hemisphere: str, signs: str, limit: int) -> float:
    """Degrees+minutes; ``signs`` is "<positive><negative>", e.g. "NS"."""
    m = _DEG_MIN.fullmatch(value.strip())
    if m is None:
        raise InvalidField(f"bad coordinate {value!r}")
    minutes = float(m.group(2))
    result = int(m.group(1)) + minutes / 60
    if minutes >= 60 or result > limit:
        raise InvalidField(f"coordinate {value!r} out of range")
    hemisphere = hemisphere.strip()
    if hemisphere not in ("", signs[0], signs[1]):
        raise InvalidField(f"bad hemisphere {hemisphere!r}")
    return -result if hemisphere == signs[1] else result  # empty: some firmware omits it


def _position(f: list[str], rec: Record) -> None:
    lat, ns, lon, ew = (_field(f, i) for i in range(7, 11))
    if ns[:1].isdigit() and lat in ("N", "S"):  # one firmware sends "N,5306.6,E,00700.7"
        lat, ns, lon, ew = ns, lat, ew, lon
    rec.latitude = _coordinate(lat, ns, "NS", 90)
    rec.longitude = _coordinate(lon, ew, "EW", 180)
    speed = _decimal(_field(f, 11)) or 0.0
    course = _decimal(_field(f, 12)) or 0.0
    if not 0 <= speed * KNOTS < 1000 or not 0 <= course <= 360:
        raise InvalidField(f"speed {speed} kn / course {course} out of range")
    rec.speed, rec.course = round(speed * KNOTS, 2), course
    rec.altitude = _decimal(_field(f, 13))


def _extras(f: list[str], attrs: Attributes) -> None:
    """acc, door, fuel 1/2 (%), temperature: optional, blank on most units."""
    acc, door = _field(f, 14), _field(f, 15)
    if acc in ("0", "1"):
        attrs["ignition"] = acc == "1"
    if door in ("0", "1"):
        attrs["door"] = door == "1"
    for key, i in (("fuel1", 16), ("fuel2", 17)):  # two tank sensors, percent
        value = _decimal(_field(f, i))  # only with its "%": some firmware puts other data here
        if value is not None and _field(f, i).endswith("%") and 0 <= value <= 100:
            attrs[key] = value
    temperature = _decimal(_field(f, 18))
    if temperature is not None:
        attrs["temp1"] = temperature


def _keyword(keyword: str, f: list[str], attrs: Attributes) -> None:
    if keyword in ALARMS:
        attrs["alarm"] = ALARMS[keyword]
        if keyword == "DTC" and _field(f, 17):
            attrs["dtcs"] = _field(f, 17)
            attrs.pop("fuel2", None)  # not a fuel level in this report
    elif keyword.startswith(FUEL_LEAK_PREFIX):
        attrs["alarm"] = "fuelLeak"
        level = _decimal(keyword[len(FUEL_LEAK_PREFIX) :]) if " " in keyword else None
        if level is not None:
            attrs["fuelLevel"] = level
    elif keyword in IGNITION_KEYWORDS:
        attrs["ignition"] = IGNITION_KEYWORDS[keyword]
    elif keyword == "rfid" and _field(f, 3):
        attrs["driverUniqueId"] = _field(f, 3)
    elif keyword.startswith("T:"):
        value = _decimal(keyword[2:])
        if value is not None:
            attrs["temp1"] = value
            attrs["alarm"] = "temperature"


def _report(f: list[str], ctx: DecodeContext) -> list[Record]:
    """Any keyword with the report layout; other layouts (voice, photo) give nothing."""
    source = _field(f, 4)
    if source not in ("F", "L"):
        return []
    rec = Record(fix_time=ctx.received, kind=RecordKind.STATUS)
    if source == "F":
        rec.kind = RecordKind.POSITION
        rec.fix_time = _fix_time(_field(f, 2), _field(f, 5), ctx)
        rec.valid = _field(f, 6) == "A"
        _position(f, rec)
        _extras(f, rec.attributes)
    else:  # no GPS: the serving cell's LAC and cell id, in hex
        lac, cid = _field(f, 7), _field(f, 9)
        try:
            if lac and cid:
                rec.attributes.update(lac=int(lac, 16), cid=int(cid, 16))
        except ValueError as e:
            raise InvalidField(f"bad cell {lac!r}/{cid!r}") from e
    _keyword(_field(f, 1), f, rec.attributes)
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    return [rec]


# OBD: yyMMddHHmmss, odometer (km), fuel instant, fuel average, engine hours, speed km/h,
# load %, coolant temperature, throttle %, rpm, battery V, DTCs. Blank or "+": not available.
# The fuel and hour fields have no documented unit, so they are not decoded.
_OBD_FIELDS: tuple[tuple[int, str], ...] = (
    (7, "obdSpeed"), (8, "engineLoad"), (9, "coolantTemp"), (10, "throttle"), (11, "rpm"),
    (12, "power"),
)  # fmt: skip


def _obd(f: list[str], ctx: DecodeContext) -> list[Record]:
    rec = Record(fix_time=_local_time(_field(f, 2), ctx) or ctx.received, kind=RecordKind.STATUS)
    a = rec.attributes
    odometer = _decimal(_field(f, 3))
    if odometer is not None:
        a["obdOdometer"] = round(odometer * 1000)  # km on the wire
    for i, key in _OBD_FIELDS:
        value = _decimal(_field(f, i))
        if value is not None:
            a[key] = value
    dtcs = [d.strip() for d in f[13:] if d.strip()]
    if dtcs:
        a["dtcs"] = " ".join(dtcs)
    return [rec]


KEYWORDS: dict[str, Decoder] = {"OBD": _obd}

# The alternative report: `imei:<IMEI>,<name>,<event>,<sensor id>,<sensor V>,<hhmmss>,<ddmmyy>,
# <rssi>,<gps 0/1>,<lat>,<lon>,<speed km/h>,<course>,<altitude>,<hdop>,<satellites>,<ignition>,
# <charge>,<error>,*` (UTC, decimal degrees, "---" for a blank).
_ALT_FIELDS = 19


def _number(text: str, name: str) -> float:
    value = _decimal(text)
    if value is None:
        raise InvalidField(f"bad {name} {text!r}")
    return value


def _alternative(f: list[str], ctx: DecodeContext) -> list[Record]:
    if len(f) < _ALT_FIELDS:
        raise InvalidField(f"alternative report with {len(f)} fields")
    rec = Record(fix_time=ddmmyy_hhmmss(_field(f, 6), _field(f, 5)), kind=RecordKind.POSITION)
    lat, lon = _number(_field(f, 9), "latitude"), _number(_field(f, 10), "longitude")
    a = rec.attributes
    a["rssi"] = int(_number(_field(f, 7), "rssi"))
    a["hdop"] = _number(_field(f, 14), "hdop")
    a["ignition"] = _field(f, 16) == "1"
    a["charge"] = _field(f, 17) == "1"
    rec.satellites = int(_number(_field(f, 15), "satellites"))
    if lat == 0 and lon == 0:  # never had a fix: no (0, 0) position
        rec.kind = RecordKind.STATUS
        return [rec]
    rec.latitude, rec.longitude = lat, lon
    rec.valid = _field(f, 8) != "0"
    rec.speed = _number(_field(f, 11), "speed")
    rec.course = _number(_field(f, 12), "course")
    rec.altitude = _number(_field(f, 13), "altitude")
    return [rec]


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    shape, _, fields = open_message(frame)
    if shape is Shape.ALT_REPORT:
        return _alternative(fields, ctx)
    if shape not in (Shape.REPORT, Shape.HEARTBEAT_REPORT) or len(fields) < 2:
        return []  # logon and heartbeat: answered by inspect, nothing to store
    return KEYWORDS.get(fields[1].strip(), _report)(fields, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
