"""AIS-140 packets to Records: tracking packets (normal, alert and history) and emergency
packets give one record each; logins and health packets carry no position and give none (they
are kept in the raw log); a packet without an IMEI or of no known layout gives none.

Field order after the IMEI is the standard's (layout.py finds the IMEI); speed is km/h,
coordinates decimal degrees, times UTC unless the operator sets the ``timezone`` option.
Knows nothing about replies or sessions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from .constants import (
    ALERT_ALARMS,
    EMERGENCY_ON,
    HISTORY,
    ODOMETER_AFTER_FRAME,
    STORED,
    TAMPER_OPEN,
    TYPE_ALARMS,
)
from .fields import coordinate, field, flag, hex_number, number, when, whole
from .layout import Kind, Message, open_message

_INPUTS = re.compile(r"[01]{4}")
_OUTPUTS = re.compile(r"[01]{2}")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_TAMPER = re.compile(r"[A-Z]?")


def _position(f: list[str], j: int, rec: Record) -> None:
    rec.latitude = coordinate(field(f, j), field(f, j + 1), 90.0)
    rec.longitude = coordinate(field(f, j + 2), field(f, j + 3), 180.0)


def _tail(m: Message, cell_end: int, a: Attributes) -> None:
    """Inputs, outputs and frame number (the last `[01]{4},[01]{2}` pair: the neighbour
    cells before them vary in count and form), then the vendor's extras."""
    f = m.fields
    at = next(
        (i for i in range(len(f) - 2, cell_end - 1, -1)
         if _INPUTS.fullmatch(f[i]) and _OUTPUTS.fullmatch(f[i + 1])),
        None,
    )  # fmt: skip
    if at is None:
        return
    a["input"], a["output"] = int(f[at], 2), int(f[at + 1], 2)
    extra = [x.strip() for x in f[at + 2 :]]
    if extra and extra[0].isdecimal():
        a["index"] = int(extra[0])
    if set(f[:3]) & ODOMETER_AFTER_FRAME:
        if len(extra) > 1 and _DECIMAL.fullmatch(extra[1]):
            a["odometer"] = round(float(extra[1]) * 1000, 3)  # km on the wire
    elif len(extra) > 2 and _DECIMAL.fullmatch(extra[1]) and _DECIMAL.fullmatch(extra[2]):
        a["adc1"], a["adc2"] = float(extra[1]), float(extra[2])


def _tracking(m: Message, ctx: DecodeContext) -> list[Record]:
    """`...,<type>,[<alert>,]<L|H>,<IMEI>,<reg no>,<fix 1|0>,<date>,<time>,<lat>,<N|S>,<lon>,
    <E|W>,<km/h>,<heading>,<sats>,<alt>,<PDOP>,<HDOP>,<operator>,<ignition>,<main power>,
    <main V>,<battery V>,<emergency>,[<tamper C|O>,]<GSM signal>,<MCC>,<MNC>,<LAC>,<cell>,
    <neighbour cells...>,<inputs>,<outputs>,<frame no>,..."""
    f, k = m.fields, m.imei_at
    alert = f[k - 2] if f[k - 2].isdecimal() else None
    ptype = f[k - 3] if alert is not None else f[k - 2]
    if len(field(f, k + 2)) == 1:
        fix = f[k + 2].strip()
        fix_time, j = when(f, k + 3, ctx)
    else:  # Rollpoint (RLP) sends the fix flag after the date and time
        fix_time, j = when(f, k + 2, ctx)
        fix, j = field(f, j), j + 1
    rec = Record(fix_time=fix_time, valid=fix in ("1", "A"))
    _position(f, j, rec)
    rec.speed = number(field(f, j + 4))
    heading = number(field(f, j + 5))
    if heading is not None and not 0 <= heading <= 360:
        raise InvalidField(f"heading {heading} out of range")
    rec.course = heading
    rec.satellites = whole(field(f, j + 6))
    rec.altitude = number(field(f, j + 7))
    a = rec.attributes
    for key, i in (("pdop", j + 8), ("hdop", j + 9), ("power", j + 13), ("battery", j + 14)):
        value = number(field(f, i))
        if value is not None:
            a[key] = value
    if field(f, j + 10):
        a["operator"] = field(f, j + 10)
    ignition = flag(field(f, j + 11))
    if ignition is not None:
        a["ignition"] = ignition
    if field(f, k - 1) == HISTORY:
        a["archive"] = True
    # the emergency and tamper fields are states, repeated in every packet while they last;
    # the alarm is the alert id's (or the packet type's), sent once when the state changes
    emergency = flag(field(f, j + 15))
    if emergency is not None:
        a["emergency"] = emergency
    tamper = field(f, j + 16)
    c = j + 17 if _TAMPER.fullmatch(tamper) else j + 16
    if tamper:
        a["tamper"] = tamper == TAMPER_OPEN
    alarm = ALERT_ALARMS.get(int(alert)) if alert is not None else None
    alarm = alarm or TYPE_ALARMS.get(ptype)
    if alert is not None:
        a["event"] = int(alert)
    if alarm:
        a["alarm"] = alarm
        rec.kind = RecordKind.EVENT
    _network(f, c, a)
    _tail(m, c + 5, a)
    return [rec]


def _network(f: list[str], c: int, a: Attributes) -> None:
    """GSM signal, MCC, MNC, LAC (hex), cell id (hex) from f[c]; cut short by some firmware."""
    if c + 4 >= len(f):
        return
    rssi, mcc, mnc = whole(f[c]), whole(f[c + 1]), whole(f[c + 2])
    lac, cid = hex_number(f[c + 3]), hex_number(f[c + 4])
    if rssi is not None:
        a["rssi"] = rssi
    if mcc and mnc is not None and lac is not None and cid is not None:
        a.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _emergency(m: Message, ctx: DecodeContext) -> list[Record]:
    """`...,<EMR|SEM>,<IMEI>,<NM|SP>,<date time>,<A|V>,<lat>,<N|S>,<lon>,<E|W>,<altitude>,
    <km/h>,<distance>,<provider G|N>,<reg no>,<reply number>`."""
    f, k = m.fields, m.imei_at
    fix_time, j = when(f, k + 2, ctx)
    rec = Record(fix_time=fix_time, valid=field(f, j) == "A")
    _position(f, j + 1, rec)
    rec.altitude = number(field(f, j + 5))
    rec.speed = number(field(f, j + 6))
    a = rec.attributes
    if field(f, k + 1) == STORED:
        a["archive"] = True
    if len(f) > j + 10 and f[j + 10].strip():
        a["phone"] = f[j + 10].strip()
    if f[k - 1] == EMERGENCY_ON:
        a["alarm"] = "sos"
        rec.kind = RecordKind.EVENT
    return [rec]


def _none(m: Message, ctx: DecodeContext) -> list[Record]:
    return []


DECODERS: dict[Kind, Callable[[Message, DecodeContext], list[Record]]] = {
    Kind.TRACKING: _tracking,
    Kind.EMERGENCY: _emergency,
    Kind.LOGIN: _none,
    Kind.HEALTH: _none,
    Kind.OTHER: _none,
}


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    m = open_message(frame)
    return DECODERS[m.kind](m, ctx)
