"""Topflytech T880x ("T800x") wire constants: headers, message types, layouts, alarm codes.

Owns the numbers of the Topflytech "PROTOCOL (T8803 Pro T8806)" document v5.6 and of the
vendor's public codec (TOPFLYtech/TOPFLYtechCodec: message tables, field offsets, reply forms)
and their mapping to the shared alarm vocabulary. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final


class Header(IntEnum):
    """The doubled start byte names the product family and with it the record layout."""

    VEHICLE_OLD = 0x23  # "##": T8803 Pro, T8806, T8808A
    VEHICLE = 0x25  # "%%": T8806+, T8808+, PioneerX, TLW2
    OBD = 0x26  # "&&": TLD2-D, TorchX (OBD/CAN)
    ASSET = 0x27  # "''": SolarX, TLP, personal/asset trackers


class MessageType(IntEnum):
    LOGIN = 0x01
    LOCATION = 0x02
    HEARTBEAT = 0x03
    ALARM = 0x04
    NETWORK_ASSET = 0x05  # network information on the asset family ("''")
    BLE = 0x10  # BLE peripheral report (tags, sensors, driver id)
    LOCATION_2 = 0x13  # vehicle families: location with an output byte and five analog inputs
    ALARM_2 = 0x14
    NETWORK = 0x11  # network information on the vehicle and OBD families
    SENSOR_LOCATION = 0x16  # OBD family: location with g-sensor/gyroscope
    SENSOR_ALARM = 0x18
    COMMAND = 0x81  # server -> device setting; device -> server its answer


HEADERS: Final = frozenset(int(h) for h in Header)
ENVELOPE_SIZE: Final = 15  # header(2) type(1) length(2) serial(2) IMEI(8)
ACK_SIZE: Final = 15
ALARM_ACK_SIZE: Final = 16  # the alarm reply also carries the alarm code it confirms
# Packets are documented as < 1 KB; BLE batches of the newer models reach ~1.5 KB.
MAX_FRAME_SIZE: Final = 4096

# Record layouts (offsets into the content after the 15-byte envelope), by family.
LAYOUT_VEHICLE: Final = "vehicle"  # ## and %% types 0x02/0x04
LAYOUT_VEHICLE_2: Final = "vehicle2"  # ## and %% types 0x13/0x14
LAYOUT_OBD: Final = "obd"  # && types 0x02/0x04/0x16/0x18
LAYOUT_ASSET: Final = "asset"  # '' types 0x02/0x04

# Alarm byte -> alarm vocabulary (codec table "Event.getEvent"). Ignition on/off (0x15/0x16),
# idle, A/C and address requests are events, not alarms: they stay in "event" only.
ALARMS: Final[dict[int, str]] = {
    0x01: "powerCut",  # external power disconnected
    0x02: "lowBattery",  # internal battery below 3.5 V
    0x03: "sos",
    0x04: "overspeed",
    0x05: "geofenceEnter",
    0x06: "geofenceExit",
    0x07: "tow",  # "drag" while parked
    0x08: "vibration",
    0x12: "fuelLeak",  # analog 1 dropped
    0x14: "fuelLeak",
    0x21: "jamming",
    0x23: "powerRestored",
    0x24: "lowPower",  # external power below the configured level
    0x26: "accident",  # collision
}
