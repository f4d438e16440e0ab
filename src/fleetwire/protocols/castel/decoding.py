"""Castel frames to Records: login, logout, GPS data, alarms and the statistics-only messages.

Owns the layouts of STAT_DATA (trip statistics: odometer, fuel, vehicle state), GPS_DATA
(count + GPS_ITEMs), RPM_DATA and ALARM_DATA for protocol versions 3 and 4, and their mapping
to the shared vocabulary. Checks the envelope again (the worker may decode frames the gateway
never acknowledged); raises only DeviceErrors; other message types and versions give [].
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext
from fleetwire.sanity import require

from .constants import (
    ALARM_IGNITION_OFF,
    ALARM_IGNITION_ON,
    ALARMS,
    DECODED_VERSIONS,
    FLAG_EAST,
    FLAG_FIX,
    FLAG_NORTH,
    FUEL_SCALE,
    KMH_PER_CM_S,
    MS_PER_DEGREE,
    NEW_ALARM,
    VSTATE_ACC_ON,
    Msg,
)
from .framing import Envelope, open_frame

_MAX_LAT: Final = 90 * MS_PER_DEGREE
_MAX_LON: Final = 180 * MS_PER_DEGREE


def _le(r: Reader, size: int) -> int:
    return int.from_bytes(r.bytes(size), "little")


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class Stat(NamedTuple):
    utc: datetime
    attributes: dict[str, Any]


def _stat(r: Reader) -> Stat:
    """STAT_DATA: last ACC-on time, UTC time (both U32 Unix seconds), total and current trip
    mileage (U32, m), total fuel (U32) and current trip fuel (U16) in 0.01 L, VSTATE (U32),
    8 reserved bytes (meaning varies by firmware: not decoded)."""
    r.skip(4)  # last ACC-on time
    utc = _utc(_le(r, 4))
    total_m, trip_m, fuel, trip_fuel, vstate = _le(r, 4), _le(r, 4), _le(r, 4), _le(r, 2), _le(r, 4)
    r.skip(8)
    attrs: dict[str, Any] = {
        "odometer": total_m,
        "tripOdometer": trip_m,
        "fuelUsed": round(fuel * FUEL_SCALE, 2),
        "tripFuelUsed": round(trip_fuel * FUEL_SCALE, 2),
        "status": vstate,
        "ignition": bool(vstate & VSTATE_ACC_ON),
    }
    return Stat(utc, attrs)


def _date_time(r: Reader) -> datetime:
    """DATE (day, month, year - 2000) then TIME (hour, minute, second), plain binary bytes."""
    day, month, year, hour, minute, second = r.bytes(6)
    try:
        return datetime(2000 + year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"GPS time {day}/{month}/{year} {hour}:{minute}:{second}") from e


def _gps_item(r: Reader, stat: Stat) -> Record:
    """GPS_ITEM: date, time, latitude and longitude (U32, ms of arc), speed (U16, cm/s),
    course (U16, 0.1 degree), flag (bit 0 east, bit 1 north, bits 2-3 fix, 4-7 satellites)."""
    fix_time = _date_time(r)
    lat, lon, speed, course, flag = _le(r, 4), _le(r, 4), _le(r, 2), _le(r, 2), r.u8()
    if lat > _MAX_LAT or lon > _MAX_LON or course > 3600:
        raise InvalidField(f"position out of range: {lat} {lon} course {course}")
    return Record(
        fix_time=fix_time,
        kind=RecordKind.POSITION,
        valid=bool(flag & FLAG_FIX),
        latitude=(lat if flag & FLAG_NORTH else -lat) / MS_PER_DEGREE,
        longitude=(lon if flag & FLAG_EAST else -lon) / MS_PER_DEGREE,
        speed=round(speed * KMH_PER_CM_S, 2),
        course=course / 10,
        satellites=flag >> 4,
        attributes=dict(stat.attributes),
    )


def _gps_data(r: Reader, stat: Stat) -> list[Record]:
    return [_gps_item(r, stat) for _ in range(r.u8())]


def _status(stat: Stat) -> Record:
    # a device whose clock was never set reports 0 (1970): no time for a record
    return require(
        Record(fix_time=stat.utc, kind=RecordKind.STATUS, attributes=dict(stat.attributes))
    )


def _login(r: Reader, env: Envelope) -> list[Record]:
    """Login: STAT_DATA, GPS_DATA, then software and hardware version strings."""
    stat = _stat(r)
    return _gps_data(r, stat) or [_status(stat)]


def _stat_only(r: Reader, env: Envelope) -> list[Record]:
    """Logout, PID data, DTCs: STAT_DATA first; what follows is not decoded here."""
    return [_status(_stat(r))]


def _gps(r: Reader, env: Envelope) -> list[Record]:
    """GPS data: (version 4: one byte, not decoded), STAT_DATA, GPS_DATA, RPM_DATA (count,
    U16 rpm each, one per GPS item)."""
    if env.version >= 4:
        r.skip(1)
    stat = _stat(r)
    records = _gps_data(r, stat)
    if r.remaining:
        rpms = [_le(r, 2) for _ in range(r.u8())]
        for rec, rpm in zip(records, rpms, strict=False):
            rec.attributes["rpm"] = rpm
    return records


def _alarm(r: Reader, env: Envelope) -> list[Record]:
    """Alarm: sequence number (U32), STAT_DATA, GPS_DATA, then ALARM_DATA: count and per alarm
    new-alarm flag, type, description (U16), threshold (U16). One event record, at the last
    fix when there is one."""
    seq = _le(r, 4)
    stat = _stat(r)
    fixes = _gps_data(r, stat)
    rec = fixes[-1] if fixes else _status(stat)
    rec.kind = RecordKind.EVENT
    raised: list[str] = []
    codes: list[int] = []
    for _ in range(r.u8()):
        new, code = r.u8(), r.u8()
        r.skip(4)  # description and threshold: meaning depends on the type
        codes.append(code)
        if new != NEW_ALARM:
            continue
        if code in ALARMS:
            raised.append(ALARMS[code])
        elif code in (ALARM_IGNITION_ON, ALARM_IGNITION_OFF):
            rec.attributes["ignition"] = code == ALARM_IGNITION_ON
    rec.attributes["index"] = seq
    if codes:
        rec.attributes["event"] = codes[0]
    if raised:
        rec.attributes["alarm"] = ",".join(dict.fromkeys(raised))
    return [rec]


Decoder = Callable[[Reader, Envelope], list[Record]]

DECODERS: Final[dict[int, Decoder]] = {
    Msg.LOGIN: _login,
    Msg.LOGOUT: _stat_only,
    Msg.GPS: _gps,
    Msg.PID_DATA: _stat_only,
    Msg.OBD_DATA: _stat_only,
    Msg.DTCS_PASSENGER: _stat_only,
    Msg.DTCS_COMMERCIAL: _stat_only,
    Msg.ALARM: _alarm,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    decoder = DECODERS.get(env.type)
    if decoder is None or env.version not in DECODED_VERSIONS:
        return []
    return decoder(Reader(frame, env.start, env.end), env)
