"""Jointech electronic locks that speak the JT/T 808 envelope with their own location body
(0x5501 live, 0x5502 stored while offline): the JT600 GPS block (BCD date, time and
coordinates, see jt600.decoding.gps_block), then fixed lock fields and ``id(1) length(1)``
items.

Layout read from the real captures of traccar HuabaoProtocolDecoderTest (#25, #27, #37, #59,
#61, #62 in tests/protocols/jt808/captures.py) with the values that test publishes, and from
the field order of traccar's Jt808ProtocolDecoder.decodeLocation2 (facts only): after the GPS
block, speed (BCD km/h), course (/2), GSM signal, satellites, odometer (km), battery (percent;
AA/AB charging), cell id(4), LAC(2), product type(1), status(2), alarm(2).
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader, bcd
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.jt600.decoding import gps_block

from .constants import MessageType as M
from .extended import add_alarm
from .framing import Envelope

_CHARGING: Final = frozenset({0xAA, 0xAB})
_PRODUCT_ALARMS: Final[dict[int, dict[int, str]]] = {
    1: {0: "lowPower"},
    2: {0: "lowPower"},
    3: {0: "overspeed", 1: "lowPower", 2: "vibration", 3: "lowBattery", 5: "geofenceEnter",
        6: "geofenceExit"},
}  # fmt: skip
_PRODUCT_LOCK: Final = 3  # a product type 3 lock says in status bit 5 that it is locked out
_STATUS_BLOCKED: Final = 1 << 5


def _signed(raw: int) -> int:
    return raw - 0x10000 if raw > 0x8000 else raw


def _lock_command(value: bytes, attrs: Attributes) -> None:
    """0x0B: the command byte; 4-5 more: an RFID card; 6 or more: a password (ASCII); an even
    length ends in the unlock result (capture #25: 03 "689607" 65 is result 101)."""
    if not value:
        return
    attrs["lockCommand"] = value[0]
    size = len(value)
    if 5 <= size <= 6:
        attrs["lockCard"] = int.from_bytes(value[1:5], "big")
    elif size >= 7:
        attrs["lockPassword"] = value[1:7].decode("ascii", "replace")
    if size % 2 == 0:
        attrs["unlockResult"] = value[-1]


def _items(r: Reader, rec: Record) -> None:
    attrs = rec.attributes
    while r.remaining >= 2:
        item, size = r.u8(), r.u8()
        if size > r.remaining:
            return  # padding or a cut item: the check code vouched for the rest
        value = r.bytes(size)
        if item == 0x02 and size == 2 and rec.has_position:
            rec.altitude = float(int.from_bytes(value, "big", signed=True))
        elif item == 0x10 and size == 1:
            attrs["wakeSource"] = value[0]
        elif item == 0x0B:
            _lock_command(value, attrs)
        elif item == 0x0C and size == 6:  # accelerometer x, y, z (capture #37)
            x, y, z = (_signed(int.from_bytes(value[i : i + 2], "big")) for i in (0, 2, 4))
            attrs["tilt"] = f"[{x},{y},{z}]"
        elif item == 0xFC and size == 1:
            attrs["geofence"] = value[0]


def report(env: Envelope, ctx: DecodeContext) -> list[Record]:
    r = Reader(env.data, env.start, env.end)
    rec = gps_block(r, ctx)
    speed = bcd(r.bytes(1))
    if not speed.isdigit():
        raise InvalidField(f"bad BCD speed {speed}")
    rec.speed = float(speed)
    rec.course = float(r.u8() * 2 % 360)
    attrs = rec.attributes
    attrs["rssi"] = r.u8()
    rec.satellites = r.u8()
    attrs["odometer"] = r.u32() * 1000
    battery = r.u8()
    if battery <= 100:
        attrs["batteryLevel"] = battery
    elif battery in _CHARGING:
        attrs["charge"] = True
    r.skip(6)  # cell id and LAC
    product, status, alarm = r.u8(), r.u16(), r.u16()
    attrs["status"] = status
    if product == _PRODUCT_LOCK:
        attrs["blocked"] = bool(status & _STATUS_BLOCKED)
    for bit, name in _PRODUCT_ALARMS.get(product, {}).items():
        if alarm >> bit & 1:
            add_alarm(rec, name)
    if env.msg_id == M.LOCK_REPORT_STORED:
        attrs["archive"] = True
    _items(r, rec)
    if "alarm" in attrs:
        rec.kind = RecordKind.EVENT
    return [rec]
