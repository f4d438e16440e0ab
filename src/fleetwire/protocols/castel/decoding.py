"""Castel frames to Records: login, logout, GPS data, alarms, the statistics messages (PID,
DTC, cell, comprehensive) and query answers of the SC protocol (versions 3 and 4).

Owns the layouts of STAT_DATA (trip statistics: odometer, fuel, vehicle state), GPS_DATA
(count + GPS_ITEMs), RPM_DATA and ALARM_DATA, and their mapping to the shared vocabulary; OBD
contents are obd.py's, the CC and MPIP families are families.py's. Checks the envelope again (the
worker may decode frames the gateway never acknowledged); raises only DeviceErrors; other
message types give [].
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple

from fleetwire.model import Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext
from fleetwire.sanity import require

from . import families, obd
from .constants import (
    ALARM_IGNITION_OFF,
    ALARM_IGNITION_ON,
    ALARMS,
    DECODED_VERSIONS,
    FUEL_SCALE,
    MPIP,
    NEW_ALARM,
    VSTATE_ACC_ON,
    Msg,
)
from .framing import Envelope, open_frame
from .items import gps_item, le


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
    utc = _utc(le(r, 4))
    total_m, trip_m, fuel, trip_fuel, vstate = le(r, 4), le(r, 4), le(r, 4), le(r, 2), le(r, 4)
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


def _gps_data(r: Reader, stat: Stat) -> list[Record]:
    return [gps_item(r, stat.attributes) for _ in range(r.u8())]


def _status(stat: Stat) -> Record:
    return Record(fix_time=stat.utc, kind=RecordKind.STATUS, attributes=dict(stat.attributes))


def _login(r: Reader, env: Envelope) -> list[Record]:
    """Login and logout: STAT_DATA, GPS_DATA (then, in a login, software and hardware version
    strings). Without a GPS item there is nothing a record adds to the session's own
    online/offline (and the next report repeats the statistics): no record."""
    return _gps_data(r, _stat(r))


def _stat_only(r: Reader, env: Envelope) -> list[Record]:
    """PID and OBD data: STAT_DATA first; what follows is not decoded here."""
    return [_status(_stat(r))]


def _dtcs(r: Reader, env: Envelope) -> list[Record]:
    """DTCs: STAT_DATA, a flag, then the fault codes."""
    rec = _status(_stat(r))
    codes = obd.dtcs(r, commercial=env.type == Msg.DTCS_COMMERCIAL)
    if codes:
        rec.attributes["dtcs"] = codes
    return [rec]


def _cell(r: Reader, env: Envelope) -> list[Record]:
    """Cell: STAT_DATA, then the serving cell's LAC and cell id (U16 each)."""
    rec = _status(_stat(r))
    rec.attributes["lac"], rec.attributes["cid"] = le(r, 2), le(r, 2)
    return [rec]


def _comprehensive(r: Reader, env: Envelope) -> list[Record]:
    """Comprehensive data: history flag (1), index (U32), STAT_DATA, GPS_DATA, then tagged
    values (tag and length, U16 LE each) that apply to the report's last fix."""
    r.skip(1 + 4)
    stat = _stat(r)
    records = _gps_data(r, stat) or [_status(stat)]
    records[-1].attributes.update(obd.tagged(r))
    return records


def _gps(r: Reader, env: Envelope) -> list[Record]:
    """GPS data: (version 4: one byte, not decoded), STAT_DATA, GPS_DATA, RPM_DATA (count,
    U16 rpm each, one per GPS item)."""
    if env.version >= 4:
        r.skip(1)
    stat = _stat(r)
    records = _gps_data(r, stat)
    if r.remaining:
        rpms = [le(r, 2) for _ in range(r.u8())]
        for rec, rpm in zip(records, rpms, strict=False):
            rec.attributes["rpm"] = rpm
    return records


def _alarm(r: Reader, env: Envelope) -> list[Record]:
    """Alarm: sequence number (U32), STAT_DATA, GPS_DATA, then ALARM_DATA: count and per alarm
    new-alarm flag, type, description (U16), threshold (U16). One event record, at the last
    fix when there is one."""
    seq = le(r, 4)
    stat = _stat(r)
    fixes = _gps_data(r, stat)
    # checked here too: the alarm list may drop this record below; a 1970 clock still refuses
    rec = fixes[-1] if fixes else require(_status(stat))
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
    elif not fixes:
        return []  # an ignition change or a cleared alarm without a fix: the statistics say it
    rec.kind = RecordKind.EVENT
    return [rec]


Decoder = Callable[[Reader, Envelope], list[Record]]

DECODERS: Final[dict[int, Decoder]] = {
    Msg.LOGIN: _login,
    Msg.LOGOUT: _login,
    Msg.GPS: _gps,
    Msg.PID_DATA: _stat_only,
    Msg.OBD_DATA: _stat_only,
    Msg.DTCS_PASSENGER: _dtcs,
    Msg.DTCS_COMMERCIAL: _dtcs,
    Msg.ALARM: _alarm,
    Msg.CELL: _cell,
    Msg.COMPREHENSIVE: _comprehensive,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    env = open_frame(frame)
    r = Reader(frame, env.start, env.end)
    if env.type == Msg.QUERY_REPLY and env.version in DECODED_VERSIONS:
        text = obd.query_result(r)  # the answer to a server query (the VIN, say)
        return (
            [Record(ctx.received, RecordKind.STATUS, attributes={"result": text})] if text else []
        )
    if env.version == MPIP:
        return families.mpip(r, env.type)
    if env.version not in DECODED_VERSIONS:
        return families.cc(r, env.type)
    decoder = DECODERS.get(env.type)
    return [] if decoder is None else decoder(r, env)
