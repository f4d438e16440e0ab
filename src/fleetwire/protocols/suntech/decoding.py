"""Suntech reports to Records: one small decoder per report type, found through a table.

Field positions differ by model and firmware (ST300: cell then coordinates; ST600: cell, MCC,
MNC, LAC, RX level first; SA200: no model field; universal STT: a field mask and more), so the
fixed anchors are found by shape: the GPS date and time, then the first latitude/longitude
pair. After the pair every layout has speed, course, satellites, fix; the legacy layouts then
DIST, PWR_VOLT, I/O and the type's own id (mode, ALERT_ID, EMG_ID, EVT_ID), and H_METER,
BCK_VOLT, MSG_TYPE where "HBM" reporting is on. Universal binary reports go to binary.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols.base import DecodeContext

from . import binary
from .constants import ALERT_IGNITION, ALERTS, EMERGENCIES, ST910_ALARMS
from .framing import Text, is_binary, open_text
from .inspect import device_id, is_reply

_DATE = re.compile(r"\d{8}")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}")
_COORD = re.compile(r"[+-]?\d{1,3}\.\d+")
_NUM = re.compile(r"\d{1,10}(?:\.\d{1,6})?")
_IO6 = re.compile(r"[01]{6}")
_IO_LONG = re.compile(r"[01]{7,9}")
_BITS8 = re.compile(r"[01]{8}")
_DRIVER = re.compile(r"[0-9A-Fa-f]{14,16}")
_SENSOR = re.compile(r"(?:[0-9A-Fa-f]{16})?:([+-]\d{1,3}\.\d)?")
_LAT_WINDOW = 12  # fields between the time and the latitude in the widest layout (ST600)

_UEX_LENGTH_AFTER_LAT = 9  # lat lon spd crs satt fix dist pwr io, then the data length
_FUEL_SENSORS = re.compile(r"N_\d=([0-9A-Fa-f]{1,6})\.\d")

Decoder = Callable[[Text, DecodeContext], list[Record]]


def _when(f: list[str]) -> tuple[int, datetime]:
    """(index of the date field, the GPS date-time, UTC)."""
    for d in range(2, len(f) - 1):
        if _DATE.fullmatch(f[d]) and _TIME.fullmatch(f[d + 1]):
            try:
                t = datetime.strptime(f[d] + f[d + 1], "%Y%m%d%H:%M:%S").replace(tzinfo=UTC)
            except ValueError as e:
                raise InvalidField(f"bad date-time {f[d]} {f[d + 1]}") from e
            return d, t
    raise InvalidField("report without a date and time")


def _latitude_index(f: list[str], d: int) -> int:
    for k in range(d + 2, min(d + 2 + _LAT_WINDOW, len(f) - 1)):
        if _COORD.fullmatch(f[k]) and _COORD.fullmatch(f[k + 1]):
            return k
    raise InvalidField("report without coordinates")


def _number(f: list[str], i: int) -> float | None:
    if i >= len(f) or not _NUM.fullmatch(f[i]):
        return None
    return float(f[i])


def _place(f: list[str], k: int, rec: Record) -> None:
    lat, lon = float(f[k]), float(f[k + 1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidField(f"position out of range: {lat} {lon}")
    rec.latitude, rec.longitude = lat, lon


def _position(f: list[str], k: int, rec: Record) -> None:
    _place(f, k, rec)
    rec.speed = _number(f, k + 2)
    rec.course = _number(f, k + 3)
    if (rec.speed is not None and rec.speed >= 1000) or (
        rec.course is not None and rec.course > 360
    ):
        raise InvalidField(f"speed {rec.speed} / course {rec.course}")


def _gps(f: list[str], k: int, rec: Record) -> None:
    """Speed and course are read by _position; then satellites and the fix flag."""
    sats = _number(f, k + 4)
    if sats is not None and sats < 100 and sats.is_integer():
        rec.satellites = int(sats)
    rec.valid = k + 5 < len(f) and f[k + 5] == "1"


def _io(text: str, attrs: Attributes) -> None:
    """I/O: ignition, input 1-3, output 1-2 ("1" on); longer strings: ignition only."""
    if _IO6.fullmatch(text):
        attrs["ignition"] = text[0] == "1"
        for i in range(1, 4):
            attrs[f"in{i}"] = text[i] == "1"
        attrs["out1"], attrs["out2"] = text[4] == "1", text[5] == "1"
    elif _IO_LONG.fullmatch(text):
        attrs["ignition"] = text[0] == "1"


def _tail(f: list[str], i: int, attrs: Attributes) -> None:
    """H_METER (minutes), BCK_VOLT, MSG_TYPE (1 real time, 0 stored) from index ``i``."""
    if i < len(f) and f[i].isdigit():
        attrs["hours"] = int(f[i]) * 60_000
    battery = _number(f, i + 1)
    if battery is not None:
        attrs["battery"] = battery
    if i + 2 < len(f) and f[i + 2] == "0":
        attrs["archive"] = True


def _common(msg: Text) -> tuple[Record, int]:
    """The record with time, position and GPS fields, and the latitude index."""
    f = msg.fields
    d, t = _when(f)
    k = _latitude_index(f, d)
    rec = Record(fix_time=t)
    _position(f, k, rec)
    _gps(f, k, rec)
    return rec, k


def _legacy(msg: Text, rec: Record, k: int) -> str:
    """DIST, PWR_VOLT, I/O of the model-prefixed layouts; returns the type's own id field.
    Read only when the I/O field has its documented shape: other models (ST410, ST500) put
    other fields there."""
    f, a = msg.fields, rec.attributes
    if k + 8 >= len(f) or not (_IO6.fullmatch(f[k + 8]) or _IO_LONG.fullmatch(f[k + 8])):
        return ""
    dist, power = _number(f, k + 6), _number(f, k + 7)
    if dist is not None:
        a["odometer"] = round(dist)
    if power is not None:
        a["power"] = power
    _io(f[k + 8], a)
    return f[k + 9] if k + 9 < len(f) else ""


def _universal(msg: Text, rec: Record, k: int) -> str:
    """IN_STATE, OUT_STATE (8 bits each) of the universal layout; returns the next field."""
    f, a = msg.fields, rec.attributes
    if k + 7 < len(f) and _BITS8.fullmatch(f[k + 6]) and _BITS8.fullmatch(f[k + 7]):
        a["input"], a["output"] = int(f[k + 6], 2), int(f[k + 7], 2)
    return f[k + 8] if k + 8 < len(f) else ""


def _is_universal(msg: Text) -> bool:
    return msg.header == msg.kind  # no model prefix


def _finish(rec: Record) -> list[Record]:
    if "alarm" in rec.attributes:
        rec.kind = RecordKind.EVENT
    return [rec]


# --- one decoder per report type ----------------------------------------------------------------


def _status(msg: Text, ctx: DecodeContext) -> list[Record]:
    """STT: … MODE, MSG_NUM (universal: … MODE, STT_RPT_TYPE, MSG_NUM), then the HBM tail."""
    rec, k = _common(msg)
    f = msg.fields
    mode = _universal(msg, rec, k) if _is_universal(msg) else _legacy(msg, rec, k)
    number = k + 10
    if mode and number < len(f) and f[number].isdigit():
        rec.attributes["index"] = int(f[number])
    if mode and not _is_universal(msg):
        _tail(f, number + 1, rec.attributes)
        _temperatures(f[number + 4 :], rec.attributes)
    return [rec]


def _temperatures(fields: list[str], attrs: Attributes) -> None:
    """1-wire sensor slots "<sensor id>:<+-degrees>" (an empty slot is ":"), numbered by slot."""
    slot = 0
    for v in fields:
        m = _SENSOR.fullmatch(v)
        if m is None:
            continue
        slot += 1
        if m[1]:
            attrs[f"temp{slot}"] = float(m[1])


def _alert(msg: Text, ctx: DecodeContext) -> list[Record]:
    rec, k = _common(msg)
    code = _universal(msg, rec, k) if _is_universal(msg) else _legacy(msg, rec, k)
    if code.isdigit():
        alert = int(code)
        rec.attributes["event"] = alert
        if alert in ALERTS:
            rec.attributes["alarm"] = ALERTS[alert]
        if alert in ALERT_IGNITION:
            rec.attributes["ignition"] = ALERT_IGNITION[alert]
    if code and not _is_universal(msg):
        _tail(msg.fields, k + 10, rec.attributes)
    return _finish(rec)


def _emergency(msg: Text, ctx: DecodeContext) -> list[Record]:
    rec, k = _common(msg)
    code = _universal(msg, rec, k) if _is_universal(msg) else _legacy(msg, rec, k)
    rec.attributes["alarm"] = EMERGENCIES.get(int(code), "general") if code.isdigit() else "sos"
    if code and not _is_universal(msg):
        _tail(msg.fields, k + 10, rec.attributes)
    return _finish(rec)


def _event(msg: Text, ctx: DecodeContext) -> list[Record]:
    rec, k = _common(msg)
    code = _universal(msg, rec, k) if _is_universal(msg) else _legacy(msg, rec, k)
    if code.isdigit():
        rec.attributes["event"] = int(code)
    return [rec]


def _serial_data(msg: Text, ctx: DecodeContext) -> list[Record]:
    """UEX: a position, the I/O, and what the serial accessory said, for the accessories whose
    output real captures show; any other serial data stays in the raw frame."""
    rec, k = _common(msg)
    _legacy(msg, rec, k)
    _accessory(_uex_payload(msg.fields, k), rec.attributes)
    return [rec]


def _uex_payload(f: list[str], k: int) -> str:
    """The serial data: as many characters as the length field says, ";" and CR/LF included."""
    i = k + _UEX_LENGTH_AFTER_LAT
    if i >= len(f) or not f[i].isdigit():
        return ""
    return ";".join(f[i + 1 :])[: int(f[i])]


def _accessory(data: str, attrs: Attributes) -> None:
    if data.startswith("GTSL|"):  # a driver-id reader: GTSL|<n>|<n>|<n>|<driver id>|…
        parts = data.split("|")
        if len(parts) > 4 and parts[4].isalnum():
            attrs["driverUniqueId"] = parts[4]
    elif m := _FUEL_SENSORS.findall(data):  # t_0=1C;N_0=0419.0;t_1=22;N_1=0001.0;Q_D=09
        # per-tank levels in hex with a decimal tail; the fuel is their sum, as the capture's
        # reference reading (1050 from 0x419 and 0x1) has it
        attrs["fuel"] = float(sum(int(level, 16) for level in m))
    elif (i := data.find("CabMensaje,")) >= 0:  # CabAVL"CabMensaje,<n>,<fuel>,…FinMensaje"
        parts = data[i:].split(",")
        fuel = parts[2] if len(parts) > 2 else ""
        if _NUM.fullmatch(fuel):
            attrs["fuel1"] = float(fuel)


def _beacons(msg: Text, ctx: DecodeContext) -> list[Record]:
    """BLE: "BLE;<id>;<model>;<sw>;<date>;<time>;<lat>;<lon>;<count>;…": where and when the
    device scanned for beacons. The beacon fields have no document; they stay in the raw
    frame."""
    f = msg.fields
    d, t = _when(f)
    rec = Record(fix_time=t)
    _place(f, _latitude_index(f, d), rec)
    rec.valid = bool(rec.latitude or rec.longitude)
    return [rec]


def _trip(msg: Text, ctx: DecodeContext) -> list[Record]:
    """HTE: start and end coordinates of a trip; the record is its end. The last field is
    the driver id (iButton) when one was presented."""
    f = msg.fields
    d, t = _when(f)
    k = _latitude_index(f, d)
    rec = Record(fix_time=t, valid=True)
    if k + 3 < len(f) and _COORD.fullmatch(f[k + 2]) and _COORD.fullmatch(f[k + 3]):
        k += 2
    _place(f, k, rec)
    if (power := _number(f, d + 3)) is not None:
        rec.attributes["power"] = power
    if _DRIVER.fullmatch(f[-1]) and f[-1].strip("0"):
        rec.attributes["driverUniqueId"] = f[-1]
    return [rec]


def _st910(msg: Text, ctx: DecodeContext) -> list[Record]:
    """ST910 personal tracker: "ST910;<Location|Alert|Emergency>;<id>;…"."""
    rec, _ = _common(msg)
    rec.satellites = None
    rec.valid = bool(rec.latitude or rec.longitude)  # no fix flag in this layout
    alarm = ST910_ALARMS.get(msg.kind)
    if alarm:
        rec.attributes["alarm"] = alarm
    return _finish(rec)


def _reply(msg: Text, ctx: DecodeContext) -> list[Record]:
    """ "<model>CMD;Res;<id>;<sw>;<command>[;…]" or "RES;<id>;…": the text after the id."""
    f = msg.fields
    body = f[4:] if msg.kind != "RES" else f[2:]
    result = ";".join(body)
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": result})]


DECODERS: dict[str, Decoder] = {
    "STT": _status,
    "ALT": _alert,
    "EMG": _emergency,
    "EVT": _event,
    "UEX": _serial_data,
    "HTE": _trip,
    "BLE": _beacons,
}
ST910_DECODERS: dict[str, Decoder] = {"Location": _st910, "Alert": _st910, "Emergency": _st910}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if is_binary(frame):
        return binary.decode(frame, ctx)
    msg = open_text(frame)
    device_id(msg)
    if is_reply(msg):
        return _reply(msg, ctx)
    table = ST910_DECODERS if msg.header == "ST910" else DECODERS
    decoder = table.get(msg.kind)
    return decoder(msg, ctx) if decoder is not None else []


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one report (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
