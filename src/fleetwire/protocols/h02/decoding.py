"""H02 frames to Records: one small decoder per text message type, found through a table, and
the binary `$` record.

Owns the field layouts of the vendor documents ("TQ GPRS transport protocol"; HuaSunTek "GPS
Tracker Communication Protocol V1.0.5") and of device captures where firmware differs from them.
Knows nothing about replies to the device (inspect.py) or sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext

from .constants import ALRM_TYPES, BINARY_EXTENDED, BINARY_START, SHORT_ID_BYTES
from .fields import (
    apply_status,
    clock,
    coordinate,
    course,
    is_six_digits,
    number,
    settle_kind,
    speed_kmh,
    status_value,
)
from .framing import TextFrame, binary_id_bytes, open_text

Decoder = Callable[[TextFrame, DecodeContext], list[Record]]
_VALIDITY = frozenset({"A", "V", "B"})  # B: fix from BeiDou ("Compass")
_FIX_FIELDS = 9  # time, validity, lat, N/S, lon, E/W, speed, course, date


def _field(f: list[str], i: int) -> str:
    if i >= len(f):
        raise TruncatedFrame(f"text frame has {len(f)} fields, needs {i + 1}")
    return f[i].strip()


def _digits(text: str, what: str) -> int:
    if not text.isdigit() or not text.isascii():
        raise InvalidField(f"bad {what} {text!r}")
    return int(text)


def _fix(f: list[str], i: int, ctx: DecodeContext) -> tuple[Record, int]:
    """The fix block starting at f[i]; returns the record and the index after the date.
    Some firmware inserts a battery field between course and date (captures)."""
    _field(f, i + _FIX_FIELDS - 1)
    lat = coordinate(f[i + 2], f[i + 3], 90)
    lon = coordinate(f[i + 4], f[i + 5], 180)
    speed, crs = number(f[i + 6], "speed"), course(f[i + 7])
    j = i + 8
    if f[j].strip().isdigit() and not is_six_digits(f[j].strip()) and j + 1 < len(f):
        j += 1
    rec = Record(fix_time=clock(f[i], f[j], ctx), valid=f[i + 1].strip() in ("A", "B"))
    if lat is not None and lon is not None:
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course = speed_kmh(speed), crs
    return rec, j + 1


def _cell(attrs: Attributes, mcc: int, mnc: int, lac: int, cid: int) -> None:
    if mcc or lac or cid:
        attrs.update(mcc=mcc, mnc=mnc, lac=lac, cid=cid)


def _v1_extras(extras: list[str], attrs: Attributes) -> None:
    """Documented V1 tail `pw,count,mcc,mnc,{lac,cid}*count`; other firmware tails differ
    (hex cells, odometer ...) and are left alone rather than guessed."""
    values = [e.strip() for e in extras]
    if len(values) < 4 or not all(v.isdigit() and v.isascii() for v in values):
        return
    pw, count = int(values[0]), int(values[1])
    if len(values) != 4 + 2 * count or pw > 100:
        return
    attrs["batteryLevel"] = 100 if pw == 99 else pw  # "99 means 100%"
    if count:
        _cell(attrs, *(int(v) for v in values[2:6]))


def _position(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """V1 and its siblings (V2, V5, V6, VI1): fix block, status, optional tail."""
    f = tf.fields
    rec, j = _fix(f, 3, ctx)
    if j < len(f) and f[j].strip():
        apply_status(status_value(f[j]), rec.attributes)
        _v1_extras(f[j + 1 :], rec.attributes)
    return [settle_kind(rec)]


def _v19(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """V19: fix block, then phone/IP and ICCID, the status last."""
    f = tf.fields
    rec, _ = _fix(f, 3, ctx)
    apply_status(status_value(f[-1]), rec.attributes)
    iccid = f[-2].strip().rstrip("?")
    if len(iccid) >= 18 and iccid.isalnum():
        rec.attributes["iccid"] = iccid
    return [settle_kind(rec)]


def _reply(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """V4 command answer: `V4,<cmd>[,<ret...>][,<cmd time>],<time>,<fix...>,<status>...`; the
    fix is found by its time+validity pair, everything before it is the answer."""
    f = tf.fields
    at = next(
        (k for k in range(4, len(f) - 1)
         if is_six_digits(f[k].strip()) and f[k + 1].strip() in _VALIDITY),
        None,
    )  # fmt: skip
    answer = [s.strip() for s in f[3:at]]
    if len(answer) >= 2 and is_six_digits(answer[-1]):
        answer.pop()  # the echoed command time
    records = [Record(ctx.received, RecordKind.STATUS, attributes={"result": ",".join(answer)})]
    if at is not None:
        rec, j = _fix(f, at, ctx)
        if j < len(f) and f[j].strip():
            apply_status(status_value(f[j]), rec.attributes)
        records.append(settle_kind(rec))
    return records


def _vp1(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """VP1 (simple version): `A|B,lat,NS,lon,EW,speed,course,DDMMYY[,status[,pw]]` without a
    time of day, so the receive time stands in; or `V,mcc,mnc,lac,cid,rssiY...` cells."""
    f = tf.fields
    validity = _field(f, 3)
    if validity == "V":
        attrs: Attributes = {}
        first = ",".join(f[6:]).split("Y")[0].split(",")
        if len(first) < 2:
            raise TruncatedFrame("VP1 without a cell")
        mcc, mnc = _digits(_field(f, 4), "mcc"), _digits(_field(f, 5), "mnc")
        _cell(attrs, mcc, mnc, _digits(first[0].strip(), "lac"), _digits(first[1].strip(), "cid"))
        return [Record(ctx.received, RecordKind.STATUS, attributes=attrs)]
    _field(f, 10)
    rec = Record(fix_time=ctx.received, valid=validity in ("A", "B"))
    lat, lon = coordinate(f[4], f[5], 90), coordinate(f[6], f[7], 180)
    if lat is not None and lon is not None:
        rec.latitude, rec.longitude = lat, lon
        rec.speed, rec.course = speed_kmh(number(f[8], "speed")), course(f[9])
    if len(f) > 11 and f[11].strip():
        apply_status(status_value(f[11]), rec.attributes)
    return [settle_kind(rec)]


def _nbr(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """NBR: `time,mcc,mnc,delay,count,{lac,cid,rssi}*count,DDMMYY,status`."""
    f = tf.fields
    count = _digits(_field(f, 7), "cell count")
    end = 8 + 3 * count
    status = _field(f, end + 1)
    try:
        time = clock(f[3], f[end], ctx)
    except InvalidField:
        # captured: time 160169 (16:01:69) in a cell list; the cells are still worth keeping,
        # at the receive time, as a report without a clock would be
        time = ctx.received
    rec = Record(fix_time=time, kind=RecordKind.STATUS)
    if count:
        lac, cid = _digits(f[8].strip(), "lac"), _digits(f[9].strip(), "cid")
        _cell(rec.attributes, _digits(f[4].strip(), "mcc"), _digits(f[5].strip(), "mnc"), lac, cid)
    apply_status(status_value(status), rec.attributes)
    return [settle_kind(rec)]


def _v3(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """V3 cell report (captures only): `time,MCC+MNC (5 digits),count,{lac,cid,?,rssi}*count,
    <hex>,0,X,DDMMYY,status`; the serving (first) cell is kept, as for NBR. The hex field after
    the cells is undocumented and left alone."""
    f = tf.fields
    count = _digits(_field(f, 5), "cell count")
    end = 6 + 4 * count + 3  # the date, after the cells and the hex, 0 and X fields
    status = _field(f, end + 1)
    rec = Record(fix_time=clock(f[3], f[end], ctx), kind=RecordKind.STATUS)
    operator = _field(f, 4)
    if count and len(operator) == 5:
        mcc, mnc = _digits(operator[:3], "mcc"), _digits(operator[3:], "mnc")
        lac, cid = _digits(f[6].strip(), "lac"), _digits(f[7].strip(), "cid")
        _cell(rec.attributes, mcc, mnc, lac, cid)
    apply_status(status_value(status), rec.attributes)
    return [settle_kind(rec)]


def _link(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """LINK: `time,rssi,satellites,battery %,steps,turnovers,DDMMYY,status`."""
    f = tf.fields
    status = _field(f, 10)
    rec = Record(fix_time=clock(f[3], f[9], ctx), kind=RecordKind.STATUS)
    a = rec.attributes
    a["rssi"] = _digits(f[4].strip(), "rssi")
    a["sat"] = _digits(f[5].strip(), "satellites")
    a["batteryLevel"] = _digits(f[6].strip(), "battery")
    a["steps"] = _digits(f[7].strip(), "steps")
    apply_status(status_value(status), a)
    return [settle_kind(rec)]


def _heartbeat(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """HTBT / V0 keep-alives; HTBT may carry the battery percentage."""
    attrs: Attributes = {}
    if tf.type == "HTBT" and len(tf.fields) > 3 and tf.fields[3].strip():
        attrs["batteryLevel"] = _digits(tf.fields[3].strip(), "battery")
    return [Record(ctx.received, RecordKind.STATUS, attributes=attrs)]


def _nothing(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """XT: a keep-alive (documented "respond: no") or a setting echo: nothing to record."""
    return []


def _alarm(tf: TextFrame, ctx: DecodeContext) -> list[Record]:
    """ALRM: `type,time[,code,lat,...,DDMMYY,status,...]` (the location-request layout)."""
    f = tf.fields
    alarm = ALRM_TYPES.get(_field(f, 3), "general")
    if len(f) < 4 + _FIX_FIELDS:
        rec = Record(ctx.received, RecordKind.EVENT)
    else:
        rec, j = _fix(f, 4, ctx)
        if j < len(f) and f[j].strip():
            apply_status(status_value(f[j]), rec.attributes)
    others = [a for a in rec.attributes.get("alarm", "").split(",") if a and a != alarm]
    rec.attributes["alarm"] = ",".join([alarm, *others])
    return [settle_kind(rec)]


TEXT_DECODERS: dict[str, Decoder] = {
    "V1": _position,
    "V2": _position,
    "V5": _position,
    "V6": _position,
    "VI1": _position,
    "V19": _v19,
    "V4": _reply,
    "VP1": _vp1,
    "NBR": _nbr,
    "LINK": _link,
    "HTBT": _heartbeat,
    "XT": _nothing,
    "V3": _v3,
    "V0": _heartbeat,
    "ALRM": _alarm,
}


def _bcd_minutes(digits: str) -> float:
    return int(digits[:2]) + int(digits[2:]) / 10000


def binary_id(frame: bytes, id_bytes: int) -> str:
    """The BCD id: 10 digits, or an IMEI in 8 bytes (15 digits and a pad nibble)."""
    if len(frame) < 1 + id_bytes:
        raise TruncatedFrame(f"binary record of {len(frame)} bytes")
    digits = frame[1 : 1 + id_bytes].hex()
    digits = digits if id_bytes == SHORT_ID_BYTES else digits[:15]
    if not digits.isdigit():
        raise InvalidField(f"bad BCD id {digits}")
    return digits


def decode_binary(frame: bytes, ctx: DecodeContext) -> list[Record]:
    """`$` id(5|8 BCD) hhmmss DDMMYY lat(DDMMmmmm) battery(1) lon(DDDMMmmmm + flags nibble)
    speed(3 digits, knots) course(3 digits) status(4); 45-byte records add a cell."""
    id_bytes = binary_id_bytes(frame)
    binary_id(frame, id_bytes)
    r = Reader(frame, 1 + id_bytes)
    t = bcd(r.bytes(6))
    rec = Record(fix_time=clock(t[:6], t[6:], ctx))
    lat_digits = bcd(r.bytes(4))
    r.skip(1)  # battery/fuel byte: its scale differs between firmwares, so it is not decoded
    lon_hex = r.bytes(5).hex()
    lon_digits, flags = lon_hex[:9], int(lon_hex[9], 16)
    sc = bcd(r.bytes(3))
    if not lon_digits.isdigit():
        raise InvalidField(f"bad longitude {lon_hex}")
    lat_min, lon_min = _bcd_minutes(lat_digits[2:]), _bcd_minutes(lon_digits[3:])
    lat = int(lat_digits[:2]) + lat_min / 60
    lon = int(lon_digits[:3]) + lon_min / 60
    if lat_min >= 60 or lon_min >= 60 or lat > 90 or lon > 180 or int(sc[3:]) > 360:
        raise InvalidField(f"position out of range: {lat_digits} {lon_hex} {sc}")
    rec.valid = bool(flags & 0x02)
    if rec.valid or lat or lon:
        rec.latitude = lat if flags & 0x04 else -lat
        rec.longitude = lon if flags & 0x08 else -lon
        rec.speed, rec.course = speed_kmh(int(sc[:3])), float(sc[3:])
    apply_status(r.u32(), rec.attributes)
    if len(frame) == BINARY_EXTENDED[0]:
        r.skip(8)  # counter, satellites, odometer: layouts differ between captures
        _cell(rec.attributes, r.u16(), r.u8(), r.u16(), r.u16())
    return [settle_kind(rec)]


def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
    if frame[:1] == bytes((BINARY_START,)):
        return decode_binary(frame, ctx)
    tf = open_text(frame)
    decoder = TEXT_DECODERS.get(tf.type)
    return decoder(tf, ctx) if decoder is not None else []
