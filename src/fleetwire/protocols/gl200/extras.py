"""@Track messages whose fields after the header follow a per-model or per-mask layout: GTINF
(power, second power input, backup battery), GTCAN (fuel and AdBlue by the CAN report mask),
GTBAA / GTBID (Bluetooth accessory values by the append mask), GTDTT (transparent data of a
fuel sensor), GTDAR (driver warning type), and the digital fuel sensor and Bluetooth
accessories (tag id, temperature, humidity, battery) of GTERI.

Layouts: the field lists of the vendor documents' messages as observed in traccar/traccar
Gl200TextProtocolDecoderTest captures (field facts only). Every reader here checks the shape of
a field before using it and skips what does not fit, so an unexpected firmware layout loses an
attribute, never the record.
"""

from __future__ import annotations

import re

from fleetwire.model import Attributes

from .constants import MODELS, MOTION

_INT = re.compile(r"\d{1,9}")
_DECIMAL = re.compile(r"\d{1,9}(?:\.\d{1,6})?")
_HEX = re.compile(r"[0-9A-Fa-f]{1,8}")
_CAN_UNIT = re.compile(r"[LP]?(\d{1,9}(?:\.\d{1,6})?)")

# GTCAN <Report Mask> bits 0-21 each carry one field (VIN, ignition, odometer, fuel used, …);
# bit 8 is the fuel level ("L" litres, "P" percent); bit 29 announces <Report Mask Ext>, whose
# bit 0 is the AdBlue level. Bits 22-27 are model-specific extensions.
_CAN_FUEL = 8
_CAN_EXT = 29
_CAN_EXT_ADBLUE = 0


def model(version: str | None) -> str:
    """The model a protocol version names: its first 6 hex digits for 10-digit versions, else
    its first 2 (the device type); "" when unknown."""
    if not version:
        return ""
    return MODELS.get(version[:6] if len(version) > 6 else version[:2].upper(), "")


def _volts(text: str) -> float | None:
    return int(text) / 1000 if _INT.fullmatch(text) else None


def information(f: list[str], version: str, attrs: Attributes) -> None:
    """GTINF after <ICCID>, <CSQ RSSI>, <CSQ BER>, <External Power Supply> (f[7]): <External
    Power VCC> mV (a mileage on GL trackers, with a decimal point), on most models a second
    power input mV, <Backup Battery Voltage> V, <Charging>; GV310LAU adds the analog inputs."""
    name = model(version)
    i = 8
    if len(f) > i + 1 and len(f[i + 1]) >= 12:
        i += 3  # a Bluetooth sensor's MAC, temperature and humidity come first
    if len(f) < i + 4:
        return
    if "." in f[i]:
        if _DECIMAL.fullmatch(f[i]):
            attrs["odometer"] = round(float(f[i]) * 1000)
    elif (power := _volts(f[i])) is not None:
        attrs["power"] = power
    i += 1
    if name != "GV500VC":
        if name not in ("GV350M", "GV310LAU") and (power2 := _volts(f[i])) is not None:
            attrs["power2"] = power2
        i += 1  # GV350M / GV310LAU: an expansion mask or network type there
    if _DECIMAL.fullmatch(f[i]):
        attrs["battery"] = float(f[i])
    if f[i + 1] == "1":
        attrs["charge"] = True
    if name == "GV310LAU":
        # LED state, power saving, external antenna, last fix time, pin mask, then the inputs
        for n, text in enumerate(f[i + 7 : i + 10], start=1):
            if _INT.fullmatch(text):
                attrs[f"adc{n}"] = int(text)


def _can_fields(mask: int, name: str) -> int:
    """How many fields bits 0-27 of <Report Mask> put before <Report Mask Ext>."""
    n = sum(1 for bit in range(22) if mask >> bit & 1)
    if name == "GV350M":
        n += sum(1 for bit in (22, 23, 24) if mask >> bit & 1)
    elif re.fullmatch(r"GV35.CEU", name):
        n += sum(1 for bit in range(23, 28) if mask >> bit & 1)
    return n


def can(f: list[str], version: str | None, attrs: Attributes) -> None:
    """GTCAN: <Report Type>, <CAN Bus State>, <Report Mask> (f[3:6]), then one field per set
    bit. Reads the fuel level (bit 8) and the AdBlue level (extension bit 0)."""
    if len(f) < 7 or not _HEX.fullmatch(f[5]):
        return
    mask = int(f[5], 16)
    base = 6
    if mask >> _CAN_FUEL & 1:
        at = base + sum(1 for bit in range(_CAN_FUEL) if mask >> bit & 1)
        m = _CAN_UNIT.fullmatch(f[at]) if at < len(f) else None
        if m:
            attrs["fuelLevel" if f[at][0] == "P" else "fuel"] = float(m[1])
    if mask >> _CAN_EXT & 1:
        at = base + _can_fields(mask, model(version))
        if at + 1 < len(f) and _HEX.fullmatch(f[at]) and int(f[at], 16) >> _CAN_EXT_ADBLUE & 1:
            m = _CAN_UNIT.fullmatch(f[at + 1])
            if m:
                attrs["adBlueLevel"] = float(m[1])


def accessory(f: list[str], mask_at: int, attrs: Attributes) -> None:
    """GTBAA / GTBID: <Append Mask> (hex) then its fields: bit 0 name, bit 1 MAC, bit 2 status,
    bit 3 voltage (mV)."""
    if mask_at >= len(f) or not re.fullmatch(r"[0-9A-Fa-f]{4}", f[mask_at]):
        return
    mask = int(f[mask_at], 16)
    i = mask_at + 1
    for bit, key in ((0, "accessoryName"), (1, "accessoryMac"), (2, "accessoryStatus")):
        if mask >> bit & 1:
            if i < len(f) and f[i]:
                status = key == "accessoryStatus" and _INT.fullmatch(f[i])
                attrs[key] = int(f[i]) if status else f[i]
            i += 1
    if mask >> 3 & 1 and i < len(f) and (volts := _volts(f[i])) is not None:
        attrs["accessoryVoltage"] = volts


def transparent(f: list[str], attrs: Attributes) -> None:
    """GTDTT: <Data Type>, <Data Length>, <Data> (hex) before the send time. A fuel sensor's
    "COMB,<n>,<level>,…" line gives the fuel; any other data is kept as the result."""
    if len(f) < 4 or not re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", f[-3]):
        return
    text = bytes.fromhex(f[-3]).decode("ascii", "replace")
    parts = text.split(",")
    if "COMB" in text and len(parts) > 2 and re.fullmatch(r"-?\d{1,6}(?:\.\d+)?", parts[2]):
        attrs["fuel"] = float(parts[2])
    else:
        attrs["result"] = text


def warning(f: list[str], attrs: Attributes) -> None:
    """GTDAR: <Warning Type> (1 fatigue driving, else kept as a number), <Fatigue Degree>."""
    if len(f) > 4 and _INT.fullmatch(f[3]):
        kind = int(f[3])
        if kind == 1:
            attrs["alarm"] = "fatigueDriving"
            if _INT.fullmatch(f[4]):
                attrs["fatigueDegree"] = int(f[4])
        else:
            attrs["warningType"] = kind


def digital_fuel(f: list[str], tail: list[str], version: str | None, attrs: Attributes) -> None:
    """GTERI with <ERI Mask> bit 0: the digital fuel sensor's level (hex). GV350M sends it in
    a sensor list (count, then type, UART id, level each); the others as the field after
    <Device Status> and <UART device type>."""
    if len(f) < 4 or not re.fullmatch(r"[0-9A-Fa-f]{8}", f[3]) or not int(f[3], 16) & 1:
        return
    if model(version) == "GV350M":
        if len(tail) >= 4 and tail[-4].isdigit() and _HEX.fullmatch(tail[-1]):
            attrs["fuel"] = int(tail[-1], 16)
        return
    for i, text in enumerate(tail[:-2]):
        if re.fullmatch(r"[0-9A-Fa-f]{6}", text) and text[:2].upper() in MOTION:  # device status
            if _HEX.fullmatch(tail[i + 2]):
                attrs["fuel"] = int(tail[i + 2], 16)
            return


# GTERI <ERI Mask> bit 8: Bluetooth accessories. Per accessory: index (hex), type, model,
# raw data (GV600M: its length first), <Append Mask> (4 hex), then one field per mask bit:
# 0 name, 1 MAC (the tag id), 2 status, 3 battery voltage, 4 temperature, 5 humidity,
# 7 input/output, 8 event, 9 tyre pressure, 10 timestamp, 11 enhanced temperature, 12 magnet,
# 13 battery percentage, 14 relay.
_BLE_BITS = 15
_BLE_KEYS = {1: "Id", 4: "Temp", 5: "Humidity", 13: "Battery"}
_BLE_MASK = re.compile(r"[0-9A-Fa-f]{4}")
_BLE_INDEX = re.compile(r"[0-9A-Fa-f]{1,2}")


def _ble_start(tail: list[str], raw_length: bool) -> int | None:
    """Where the accessory list (its count) starts: found by its shape."""
    head = 6 if raw_length else 5
    for i in range(len(tail) - head):
        if (
            tail[i].isdigit()
            and 0 < int(tail[i]) <= 8
            and _BLE_INDEX.fullmatch(tail[i + 1])
            and tail[i + 2].isdigit()
            and _BLE_MASK.fullmatch(tail[i + head])
        ):
            return i
    return None


def _ble_value(key: str, text: str) -> object | None:
    if key == "Id":
        return text or None
    if key == "Temp" and re.fullmatch(r"-?\d{1,3}(?:\.\d{1,2})?", text):
        return float(text)
    if key in ("Humidity", "Battery") and _INT.fullmatch(text):
        return int(text)
    return None


def ble_accessories(f: list[str], tail: list[str], version: str | None, attrs: Attributes) -> None:
    if len(f) < 4 or not re.fullmatch(r"[0-9A-Fa-f]{8}", f[3]) or not int(f[3], 16) >> 8 & 1:
        return
    raw_length = model(version).startswith("GV600M")
    i = _ble_start(tail, raw_length)
    if i is None:
        return
    count = int(tail[i])
    i += 1
    for n in range(1, count + 1):
        i += 5 if raw_length else 4  # index, type, model, (raw data length,) raw data
        if i >= len(tail) or not _BLE_MASK.fullmatch(tail[i]):
            return
        mask = int(tail[i], 16)
        i += 1
        for bit in range(_BLE_BITS):
            if mask >> bit & 1 and bit != 6:  # bit 6 carries no field
                if i >= len(tail):
                    return
                key = _BLE_KEYS.get(bit)
                value = _ble_value(key, tail[i]) if key else None
                if value is not None:
                    attrs[f"tag{n}{key}"] = value
                i += 1
