"""T880x 0x10 BLE peripheral reports to a status Record.

Content: BCD date-time (UTC), an ignition byte, then entries of a uint16 kind and its fixed
body: 1 tyre sensor (id, battery, pressure, temperature, status), 2 SOS tag and 3 driver tag
(id, BCD battery, alarm, status, a 16-byte location), 4 temperature/humidity sensor, 5 door
sensor, 6 relay. Sizes and scales from the public captures of traccar T800xProtocolDecoderTest
and the field list its decoder reads; an entry cut short ends the walk (the rest is kept in the
raw log). Knows nothing about envelopes or replies.
"""

from __future__ import annotations

import struct
from typing import Final

from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader

from .layouts import date_time

_ID: Final = 6
_SIZES: Final[dict[int, int]] = {1: 10, 2: 26, 3: 26, 4: 15, 5: 12, 6: 9}
_SENSOR: Final = struct.Struct(">BBHHHB")  # battery, level, temperature, humidity, light, rssi
_DOOR: Final = struct.Struct(">BBHBB")  # battery, level, temperature, open, rssi
_RELAY: Final = struct.Struct(">BBB")  # battery, output, rssi
_TYRE: Final = struct.Struct(">BBBB")  # battery, pressure, temperature, status
_BATTERY_BASE: Final = 2.0  # volts: the sensor's byte counts 10 mV steps above it
_TYRE_BATTERY_BASE: Final = 1.22
_TYRE_KPA: Final = 1.527 * 2
_TYRE_TEMP_OFFSET: Final = 55
_RSSI_OFFSET: Final = 128


def _entry(kind: int, body: bytes, n: int, a: Attributes) -> None:
    tag = f"tag{n}"
    ident = body[:_ID].hex()
    if kind == 3:
        a["driverUniqueId"] = ident
        return
    a[f"{tag}Id"] = ident
    rest = body[_ID:]
    if kind == 1:
        battery, pressure, temp, status = _TYRE.unpack_from(rest)
        a[f"{tag}Battery"] = round(battery * 0.01 + _TYRE_BATTERY_BASE, 2)
        a[f"{tag}TirePressure"] = round(pressure * _TYRE_KPA, 2)
        a[f"{tag}TireTemp"] = temp - _TYRE_TEMP_OFFSET
        a[f"{tag}TireStatus"] = status
    elif kind == 4:
        battery, _level, temp, humidity, light, rssi = _SENSOR.unpack_from(rest)
        a[f"{tag}Battery"] = round(battery * 0.01 + _BATTERY_BASE, 2)
        a[f"{tag}Temp"] = temp / 100
        a[f"{tag}Humidity"] = humidity / 100
        a[f"{tag}LightSensor"] = light
        a[f"{tag}Rssi"] = rssi - _RSSI_OFFSET
    elif kind == 5:
        battery, _level, temp, door, rssi = _DOOR.unpack_from(rest)
        a[f"{tag}Battery"] = round(battery * 0.01 + _BATTERY_BASE, 2)
        a[f"{tag}Temp"] = temp / 100
        a[f"{tag}Door"] = door > 0
        a[f"{tag}Rssi"] = rssi - _RSSI_OFFSET
    elif kind == 6:
        battery, output, rssi = _RELAY.unpack_from(rest)
        a[f"{tag}Battery"] = round(battery * 0.01 + _BATTERY_BASE, 2)
        a[f"{tag}Output"] = output > 0
        a[f"{tag}Rssi"] = rssi - _RSSI_OFFSET


def decode_ble(c: bytes) -> Record:
    r = Reader(c)
    rec = Record(fix_time=date_time(r.bytes(6)), kind=RecordKind.STATUS)
    a = rec.attributes
    a["ignition"] = r.u8() > 0
    n = 1
    while r.remaining >= 2:
        kind = r.u16()
        size = _SIZES.get(kind)
        if size is None or r.remaining < size:
            break  # an unknown or cut-short entry: its size is not known to step over
        _entry(kind, r.bytes(size), n, a)
        n += 1
    return rec
