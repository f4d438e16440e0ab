"""Watch frames to Records: one small decoder per message keyword, found through a table.

Owns the content layouts (link keep-alive, position/alarm reports with their cell and WiFi
lists, health readings, command echoes) and their mapping to the shared attribute vocabulary.
The envelope is checked again here (framing.py). Knows nothing about answers or sessions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import ALARM_TYPES, COMMAND_ECHOES, LINK, POSITION_TYPES, STATUS_ALARMS
from .framing import keyword, open_frame

_POSITION_FIELDS: Final = 16  # date .. status: every report has them
_NUM: Final = re.compile(r"-?\d{1,12}(?:\.\d{1,12})?")
_INT: Final = re.compile(r"-?\d{1,12}")
_HEX8: Final = re.compile(r"[0-9A-Fa-f]{1,8}")
_DATE: Final = re.compile(r"(\d\d)(\d\d)(\d\d)")
_MAC: Final = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}")
_MAX_LIST: Final = 64

Decoder = Callable[[str, list[str], DecodeContext], list[Record]]


def _num(s: str) -> float:
    s = s.strip()  # captures pad coordinates with a space
    if not _NUM.fullmatch(s):
        raise InvalidField(f"bad number {s[:16]!r}")
    return float(s)


def _int(s: str) -> int | None:
    s = s.strip()
    if not s:
        return None
    if not _INT.fullmatch(s):
        raise InvalidField(f"bad integer {s[:16]!r}")
    return int(s)


def _time(date: str, time: str, ctx: DecodeContext) -> datetime:
    d, t = _DATE.fullmatch(date), _DATE.fullmatch(time)
    if d is None or t is None:
        raise InvalidField(f"bad date-time {date[:8]!r} {time[:8]!r}")
    try:
        when = datetime(
            2000 + int(d.group(3)), int(d.group(2)), int(d.group(1)),
            int(t.group(1)), int(t.group(2)), int(t.group(3)), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {date} {time}") from e
    return device_clock_to_utc(when, ctx)


def _coordinate(value: str, hemisphere: str, signs: str, limit: int) -> float:
    """Degrees with a hemisphere letter. Firmware in the field also writes the sign into the
    number ("-84.1422119,W" from a watch in Costa Rica, "-33.480366,N" from one in Santiago):
    a signed number is taken as signed, whatever letter follows. Other firmware leaves the
    letter empty ("0.369512,,"): read as N/E, the letter's default."""
    v = _num(value)
    if hemisphere not in (signs[0], signs[1], "") or not -limit <= v <= limit:
        raise InvalidField(f"bad coordinate {value[:16]} {hemisphere[:2]}")
    return -v if hemisphere == signs[1] and v > 0 else v


def _status(value: str, attrs: Attributes) -> None:
    if not _HEX8.fullmatch(value):
        raise InvalidField(f"bad status {value[:10]!r}")
    status = int(value, 16)
    attrs["status"] = status
    alarms = [name for bit, name in STATUS_ALARMS.items() if status >> bit & 1]
    if alarms:
        attrs["alarm"] = ",".join(alarms)


def _network(f: list[str], attrs: Attributes) -> None:
    """Cells then WiFi after the status: count, GSM delay, MCC, MNC, count x (LAC, CID,
    signal), WiFi count, count x (SSID, MAC, signal), accuracy. Firmware leaves parts empty
    or short; the lists are optional, so what does not parse is left out, not an error."""
    try:
        cells = _cells(f)
        pos = 4 + 3 * len(cells) if cells else 2  # without cells: no MCC/MNC either
        wifi = _wifi(f, pos) if f[pos : pos + 1] and f[pos].strip().isdigit() else []
    except (IndexError, ValueError, InvalidField):
        return
    if cells:
        attrs["cellTowers"] = cells
        attrs.update({k: cells[0][k] for k in ("mcc", "mnc", "lac", "cid")})
    if wifi:
        attrs["wifiAccessPoints"] = wifi


def _cells(f: list[str]) -> list[dict[str, Any]]:
    count = _int(f[0]) or 0
    if not count:
        return []
    if count > _MAX_LIST:
        raise InvalidField(f"{count} cells")
    mcc, mnc = _int(f[2]), _int(f[3])
    out = []
    for i in range(count):
        lac, cid, signal = (_int(x) for x in f[4 + 3 * i : 7 + 3 * i])
        if mcc is None or mnc is None or lac is None or cid is None:
            raise InvalidField("incomplete cell")
        cell: dict[str, Any] = {"mcc": mcc, "mnc": mnc, "lac": lac, "cid": cid}
        if signal is not None:
            cell["signal"] = signal
        out.append(cell)
    return out


def _wifi(f: list[str], pos: int) -> list[dict[str, Any]]:
    count = int(f[pos].strip())
    if count > _MAX_LIST:
        raise InvalidField(f"{count} WiFi access points")
    out = []
    for i in range(count):
        _ssid, mac, signal = f[pos + 1 + 3 * i : pos + 4 + 3 * i]
        if not _MAC.fullmatch(mac):
            raise InvalidField(f"bad MAC {mac[:20]!r}")
        out.append({"macAddress": mac.lower(), "signalStrength": _int(signal)})
    return out


def _report(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """UD and its variants, WT, WAD, WG, and the AL alarm reports (same layout)."""
    if len(f) < _POSITION_FIELDS:
        raise InvalidField(f"report of {len(f)} fields")
    rec = Record(fix_time=_time(f[0], f[1], ctx), valid=f[2] == "A")
    if f[2] not in ("A", "V"):
        raise InvalidField(f"bad fix flag {f[2][:4]!r}")
    lat = _coordinate(f[3], f[4], "NS", 90)
    lon = _coordinate(f[5], f[6], "EW", 180)
    speed, course, altitude = _num(f[7]), _num(f[8]), _num(f[9])
    if not 0 <= speed < 1000 or not 0 <= course <= 360:
        raise InvalidField(f"speed {speed} or course {course} out of range")
    sats = _int(f[10])
    if sats is None or not 0 <= sats < 100:
        raise InvalidField(f"satellites {f[10][:4]!r}")
    rec.satellites = sats
    if rec.valid or lat or lon:  # no fix and zeros: no position at all, not (0, 0)
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course, rec.altitude = speed, course, altitude
    else:
        rec.kind = RecordKind.STATUS
    a = rec.attributes
    for key, value in (("rssi", f[11]), ("batteryLevel", f[12]), ("steps", f[13])):
        v = _int(value)
        if v is not None:
            a[key] = v
    _status(f[15], a)
    _network(f[16:], a)
    if kind in ALARM_TYPES:
        a.setdefault("alarm", "general")
    if "alarm" in a:
        rec.kind = RecordKind.EVENT
    return [rec]


def _link(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """LK, or LK,steps,tumbles,battery %. A bare keep-alive carries nothing to keep: no
    record (its frame is in the raw log and the gateway answers it all the same)."""
    a: Attributes = {}
    if len(f) >= 3:
        for key, value in (("steps", f[0]), ("batteryLevel", f[2])):
            v = _int(value)
            if v is not None:
                a[key] = v
    return [Record(ctx.received, RecordKind.STATUS, attributes=a)] if a else []


def _health(values: dict[str, str], ctx: DecodeContext) -> list[Record]:
    a: Attributes = {}
    for key, value in values.items():
        if value.strip():
            v = _num(value)
            a[key] = int(v) if "." not in value else v
    return [Record(ctx.received, RecordKind.STATUS, attributes=a)] if a else []


def _blood_heart(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """bphrt,<systolic>,<diastolic>,<heart rate>,…"""
    if len(f) < 3:
        raise InvalidField(f"bphrt of {len(f)} fields")
    return _health({"bloodPressureHigh": f[0], "bloodPressureLow": f[1], "heartRate": f[2]}, ctx)


def _blood(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    if len(f) < 2:
        raise InvalidField(f"BLOOD of {len(f)} fields")
    return _health({"bloodPressureHigh": f[0], "bloodPressureLow": f[1]}, ctx)


def _heart(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    if not f:
        raise InvalidField("heart rate without a value")
    return _health({"heartRate": f[0]}, ctx)


def _temperature(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    """btemp2,<mode>,<body temperature °C>"""
    if len(f) < 2:
        raise InvalidField(f"btemp2 of {len(f)} fields")
    return _health({"temp1": f[-1]}, ctx)


def _echo(kind: str, f: list[str], ctx: DecodeContext) -> list[Record]:
    text = ",".join([kind, *f])
    return [Record(ctx.received, RecordKind.STATUS, attributes={"result": text})]


DECODERS: Final[dict[str, Decoder]] = {
    LINK: _link,
    **dict.fromkeys(POSITION_TYPES | ALARM_TYPES, _report),
    "bphrt": _blood_heart,
    "BLOOD": _blood,
    "heart": _heart,
    "HEART": _heart,
    "PULSE": _heart,  # the CS-prefixed firmware's name for the same reading
    "btemp2": _temperature,
    **dict.fromkeys(COMMAND_ECHOES, _echo),
}


def _decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame; voice, photos and unknown keywords give none."""
    content = open_frame(frame).content
    kind = keyword(content)
    decoder = DECODERS.get(kind)
    if decoder is None:
        return []
    fields = content.decode("utf-8", "replace").split(",")[1:]
    return decoder(kind, fields, ctx)


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """Records of one frame (checked against the sanity rules by the protocol base class)."""
    return _decode(frame, ctx)
