"""The additional-information items after a location's 28-byte basic information: the
standard's (JT/T 808-2013 table 27, 2019 table 28), those of JT/T 1078 (video terminals) and the
vendor items 0x50-0xFF that trackers of many makers send, each mapped to the shared attribute
vocabulary.

An item is ``id(1) length(1) value``. A handler gets the value and checks its size itself: an id
whose size differs from the one its handler knows is another vendor's reuse of it and is left
alone. Vendor layouts come from real captures whose values a mature decoder publishes (traccar
HuabaoProtocolDecoderTest, see tests/protocols/jt808/captures.py): the capture is named where a
layout is read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from fleetwire.model import Record

from . import extended

Handler = Callable[[bytes, Record], None]


def _uint(key: str, size: int, scale: float = 1.0) -> Handler:
    def put(value: bytes, rec: Record) -> None:
        if len(value) == size:
            n = int.from_bytes(value, "big")
            rec.attributes[key] = n if scale == 1.0 else round(n * scale, 6)

    return put


def _satellites(value: bytes, rec: Record) -> None:
    if len(value) == 1 and value[0] < 100:  # a larger count is some vendor's other use
        rec.satellites = value[0]


def _adc(value: bytes, rec: Record) -> None:
    if len(value) == 4:  # AD0 in the low word, AD1 in the high word
        rec.attributes["adc1"] = int.from_bytes(value[2:4], "big")
        rec.attributes["adc2"] = int.from_bytes(value[0:2], "big")


def _ascii(key: str, transform: Callable[[str], str] = str) -> Handler:
    def put(value: bytes, rec: Record) -> None:
        text = value.rstrip(b"\x00").decode("ascii", "replace").strip()
        if text and text.isprintable() and "\ufffd" not in text:
            rec.attributes[key] = transform(text)

    return put


def _temperatures(value: bytes, rec: Record) -> None:
    """0x51: 2-byte temperatures in tenths, sign in bit 15 (sign and magnitude, not two's
    complement: 8017 is -2.3), FFFF for an absent probe (captures #20 and #22)."""
    for i in range(0, len(value) - 1, 2):
        raw = int.from_bytes(value[i : i + 2], "big")
        if raw != 0xFFFF:
            magnitude = (raw & 0x7FFF) / 10
            rec.attributes[f"temp{i // 2 + 1}"] = -magnitude if raw & 0x8000 else magnitude


def _tyres(value: bytes, rec: Record) -> None:
    """0x77: 8 bytes a tyre: position(1), sensor id(3), status(1), pressure(1, 0.025 bar),
    temperature(1, +50 offset), spare(1) (capture #11: pressure 0x38 is 1.4 bar)."""
    for i in range(0, len(value) - 7, 8):
        position, pressure = value[i], value[i + 5]
        if position:
            rec.attributes[f"tire{position}Pressure"] = round(pressure * 0.025, 3)


def _bcd_imei(value: bytes, rec: Record) -> None:
    digits = value.hex().lstrip("0")
    if digits.isdigit() and 14 <= len(digits) <= 16:
        rec.attributes["imei"] = digits


def _sensor_block(value: bytes, rec: Record) -> None:
    """0xF6 (GL100/VL300 family): a byte of sensors present, one more, then the temperature as
    signed tenths (capture #19: 07 ... FF94 is -10.8). Read only with bit 0 of the first byte
    set: the captures without it (#18, #85, #90) hold other values there."""
    if len(value) == 8 and value[0] == 0x08:  # 08 + the IMEI in BCD (Jt808 capture #14)
        _bcd_imei(value, rec)
    elif len(value) >= 4 and value[0] & 0x01:
        rec.attributes["temp1"] = int.from_bytes(value[2:4], "big", signed=True) / 10


def _identity(value: bytes, rec: Record) -> None:
    """0xF8, 29 bytes (GL100 family): a flag byte, the IMEI (8 BCD), the ICCID (10 bytes, as
    hex: some carry letters), the model (10 ASCII) (captures #18 and Jt808 #23); 2 bytes on
    C5L pet trackers: the step count (Jt808 capture #22)."""
    if len(value) == 29:
        _bcd_imei(value[1:9], rec)
        rec.attributes["iccid"] = value[9:19].hex()
    elif len(value) == 2:
        rec.attributes["steps"] = int.from_bytes(value, "big")


def _alarm_label(value: bytes, rec: Record) -> None:
    """0x64 (ADAS) and 0x65 (driver monitoring) of the active-safety extension of JT/T 1078
    (the 2017 "Su" standard): 47 bytes ending in the 16-byte alarm identification (terminal
    id, time, serial, attachment count) that names the alarm's video files."""
    if len(value) == 47:
        rec.attributes["alarmLabel"] = value[31:47].hex()


def _motion(value: bytes, rec: Record) -> None:
    if len(value) == 1 and value[0] <= 1:  # 0xE5: 1 moving (Jt808 capture #9)
        rec.attributes["motion"] = bool(value[0])


def _power_or_level(value: bytes, rec: Record) -> None:
    if len(value) == 1:  # 0xE1: battery percent (capture #35), or supply tenths of a volt
        rec.attributes["batteryLevel"] = value[0]
    elif len(value) == 2:  # (Jt808 capture #3: 0072 is 11.4 V)
        rec.attributes["power"] = int.from_bytes(value, "big") / 10


def _level_times_ten(value: bytes, rec: Record) -> None:
    if len(value) == 2 and value[0] <= 10:  # 0x56: battery in tens of percent (capture #31)
        rec.attributes["batteryLevel"] = value[0] * 10


def _level_with_voltage(value: bytes, rec: Record) -> None:
    if len(value) == 6:  # 0xE3: level(2), voltage(2), spare(2) (capture #21)
        rec.attributes["batteryLevel"] = int.from_bytes(value[0:2], "big")


# 0x60 events of Huabao electronic locks that name who opened them: event(2), a byte, the
# lock id(6), the card or password(8 ASCII) (capture #28: event 0065, lock 001234567890 as in
# its item 0x63, then "90017383")
_LOCK_EVENTS: Final = range(0x61, 0x67)


def _event(value: bytes, rec: Record) -> None:
    if len(value) >= 2:  # 0x60: event code(2), then the event's own data (capture #34)
        event = int.from_bytes(value[0:2], "big")
        rec.attributes["event"] = event
        if event in _LOCK_EVENTS and len(value) >= 17:
            _ascii("driverUniqueId")(value[9:17], rec)


def _seals(value: bytes, rec: Record) -> None:
    """0x63 (Huabao seal locks): 11 bytes a lock: id(6), battery(2, mV), sealed(1: ASCII "1"),
    physical state(1), signal(1) (capture #29: two locks, 4.224 V and 4.038 V)."""
    for n in range(len(value) // 11):
        lock = value[11 * n : 11 * n + 11]
        prefix = f"lock{n + 1}"
        rec.attributes[prefix + "Id"] = lock[0:6].hex()
        rec.attributes[prefix + "Battery"] = int.from_bytes(lock[6:8], "big") / 1000
        rec.attributes[prefix + "Seal"] = lock[8] == ord("1")


_LOCK_TEXT: Final = b"*M00,"


def _mode_or_lock_text(value: bytes, rec: Record) -> None:
    """0x33: one byte, the working mode; or the lock's text "*M00,nn,sssssss..." whose status
    field holds the battery in hundredths of a volt at its digits 2-4 (capture #65: "1138600"
    is 3.86 V)."""
    if len(value) == 1:
        rec.attributes["mode"] = value[0]
    elif value.startswith(_LOCK_TEXT) and len(value) >= 15 and value[10:13].isdigit():
        rec.attributes["battery"] = int(value[10:13]) / 100


def _vendor_fraction(hi: int, lo: int) -> float:
    """A signed whole part and a fraction in 1/255 (capture #42: EF 18 is -17.094)."""
    whole = hi - 256 if hi > 127 else hi
    value = abs(whole) + lo / 255
    return -value if whole < 0 else value


def _sensors_or_obd(value: bytes, rec: Record) -> None:
    """0xE6: the "$OBD-RT" line (capture #7), or 11 bytes a BLE sensor: index(1), MAC(6),
    temperature(2), humidity(2) as _vendor_fraction (capture #42: sensor 3, -17.09 C)."""
    if value.startswith(b"$OBD-RT"):
        extended.obd_text(value, rec)
    elif value and len(value) % 11 == 0:
        for i in range(0, len(value), 11):
            n = value[i]
            rec.attributes[f"temp{n}"] = _vendor_fraction(value[i + 7], value[i + 8])
            rec.attributes[f"humidity{n}"] = _vendor_fraction(value[i + 9], value[i + 10])


# 0xFE of longer size: a mark 7C, then {id(1) length(1) value}; id 01 is a word of driving
# alarms (capture #43: 00000001 is hard acceleration)
_FE_MARK: Final = 0x7C
_DRIVING_ALARMS: Final = {0: "hardAcceleration", 1: "hardBraking", 2: "hardCornering",
                          3: "accident", 4: "tampering"}  # fmt: skip


def _level_power_or_alarms(value: bytes, rec: Record) -> None:
    if len(value) == 1:  # capture #56
        rec.attributes["batteryLevel"] = value[0]
    elif len(value) == 2:
        rec.attributes["power"] = int.from_bytes(value, "big") / 10
    elif len(value) == 4:
        rec.attributes["odometer"] = int.from_bytes(value, "big")
    elif value and value[0] == _FE_MARK:
        pos = 1
        while pos + 2 <= len(value):
            sub, size = value[pos], value[pos + 1]
            if sub == 0x01 and size == 4 and pos + 6 <= len(value):
                word = int.from_bytes(value[pos + 2 : pos + 6], "big")
                for bit, name in _DRIVING_ALARMS.items():
                    if word >> bit & 1:
                        extended.add_alarm(rec, name)
            pos += 2 + size


def _humidity_or_battery(value: bytes, rec: Record) -> None:
    """0xF7: 2 bytes humidity in tenths; else battery(4, mV), [state(1): 2 or 3 charging],
    [level(1)] (capture #85: 00000E87 02 46 is 3.719 V, charging, 70%)."""
    if len(value) == 2:
        rec.attributes["humidity"] = int.from_bytes(value, "big") / 10
    elif len(value) >= 4:
        rec.attributes["battery"] = int.from_bytes(value[0:4], "big") / 1000
        if len(value) >= 5 and value[4] in (2, 3):
            rec.attributes["charge"] = True
        if len(value) >= 6:
            rec.attributes["batteryLevel"] = value[5]


# Lock status word bit 7 (bit "8" counted from 1): motor locked (Huabao HB-1AL document,
# wialon.com/en/gps-hardware/asset/huabao-hb-1al; capture #46: 0030 is unlocked).
_LOCK_LOCKED = 0x0080


def _locks(value: bytes, rec: Record) -> None:
    """0xD5 (Huabao electronic locks): count(1), then per lock id(5 BCD), RFID card(5),
    battery percent(1), status(2) (huabaotelematics.com, "JT808 common message parsing of GPS
    electronic lock", the 0x0200 example)."""
    if not value or len(value) != 1 + 13 * value[0]:
        return
    for n in range(value[0]):
        lock = value[1 + 13 * n : 14 + 13 * n]
        prefix = f"lock{n + 1}"
        rec.attributes[prefix + "Id"] = lock[0:5].hex()
        rec.attributes[prefix + "Card"] = lock[5:10].hex()
        rec.attributes[prefix + "BatteryLevel"] = lock[10]
        rec.attributes[prefix + "Locked"] = bool(int.from_bytes(lock[11:13], "big") & _LOCK_LOCKED)


def _dtcs(text: str) -> str:
    return " ".join(code for code in text.split(",") if code)


ITEMS: Final[dict[int, Handler]] = {
    # JT/T 808 standard
    0x01: _uint("odometer", 4, 100),  # 1/10 km -> m
    0x02: _uint("fuel", 2, 0.1),  # 1/10 L
    0x03: _uint("obdSpeed", 2, 0.1),  # tachograph speed, 1/10 km/h
    0x04: _uint("event", 2),  # id of the manual-confirmation alarm event
    0x25: _uint("input", 4),  # extended vehicle signal bits
    0x2A: _uint("io42", 2),  # IO status bits (deep sleep, sleep)
    0x2B: _adc,
    0x30: _uint("rssi", 1),
    0x31: _satellites,
    # JT/T 1078-2016 table 14: video terminal alarms
    0x14: _uint("videoAlarm", 4),  # video-related alarm bits
    0x15: _uint("videoLoss", 4),  # channels with video signal loss
    0x16: _uint("videoOcclusion", 4),  # channels with the video blocked
    0x17: _uint("storageFault", 2),  # storage devices at fault
    0x18: _uint("drivingBehavior", 2),  # abnormal driving behaviour bits
    # vendor items, one capture each at least (tests/protocols/jt808/captures.py)
    0x06: _uint("batteryLevel", 1),  # 2019 uses 0x06 for 2 bytes of cabin temperature
    0x51: _temperatures,
    0x56: _level_times_ten,
    0x33: _mode_or_lock_text,
    0x60: _event,
    0x63: _seals,
    0x64: _alarm_label,
    0x65: _alarm_label,
    0x69: _uint("battery", 2, 0.01),  # volts in hundredths (capture #33)
    0x77: _tyres,
    0x82: _uint("power", 2, 0.1),  # supply volts in tenths (capture #87)
    0xA0: _ascii("dtcs", _dtcs),  # OBD trouble codes, comma-separated (capture #50)
    0xBC: _ascii("driver"),  # driver name from the licence card (capture #36)
    0xCC: _ascii("iccid"),  # SIM card id (capture #50)
    0xD4: _uint("batteryLevel", 1),  # capture #3
    0xD5: _locks,
    0xE1: _power_or_level,
    0xE3: _level_with_voltage,
    0xE4: _uint("batteryLevel", 2),  # capture #9
    0xE5: _motion,
    0xE6: _sensors_or_obd,
    0xEB: extended.decode,  # sub-items or a time-zone string
    0xF1: _uint("power", 4, 0.001),  # supply in millivolts (capture #86)
    0xF2: _ascii("versionFw"),  # capture #85
    0xF6: _sensor_block,
    0xF7: _humidity_or_battery,
    0xF8: _identity,
    0xFE: _level_power_or_alarms,
}


def decode_items(
    data: bytes, start: int, end: int, rec: Record, model: Mapping[int, Handler] | None = None
) -> None:
    """Items from ``start`` to ``end``; ``model`` holds a model's own readings of some ids
    (models.py). One that overruns the body ends the list: the check code vouches for the
    frame, and captured firmware pads the body with zeros that read as items."""
    pos = start
    while end - pos >= 2:
        item, size = data[pos], data[pos + 1]
        pos += 2
        if size > end - pos:
            return
        handler = model.get(item) if model else None
        handler = handler or ITEMS.get(item)
        if handler is not None:
            handler(data[pos : pos + size], rec)
        pos += size
