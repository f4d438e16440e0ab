"""Xirgo text protocol constants and tables.

Owns what the vendor "Communication Specification and Data Format" documents fix: the `$$`/`##`
envelope, the event numbers and their meaning in the shared vocabulary (shared/attributes.md),
the documented field layouts, and the downlink command number. Knows nothing about parsing.

Documents (each "Device Message Formats" / "Device TCP/UDP Format for Periodic Location and Alert
Messages" section):
- XT-2150, rev 2.1B, firmware S1z1/X1z1-1131B9 (traccar.org/protocol/5081-xirgo/);
- XT-2060-G, rev 1.2G, firmware X0zA-1154/1158 (studylib.net doc 25255848);
- XT-2000-G-X081, rev 1.0C, firmware X009-1126C (scribd 171187682, vdocument.in);
- XT4860G/CV/CS, rev 2.0J, platform 1156DA3 (scribd 337719557).
The field tables of those documents were not reachable in full: units follow the field names
and what the captures show (decimal degrees, metres, miles per hour, volts); see decoding.py.
"""

from __future__ import annotations

from typing import Final

START: Final = b"$$"
END: Final = b"##"
# The longest documented layout (XT-2060 4006/6015 with VIN and firmware names) is ~200 bytes;
# the DTC list (6045) grows with the codes. Nothing legitimate comes near 1 KiB.
MAX_FRAME_SIZE: Final = 1024

MPH: Final = 1.609344  # km/h per mile per hour: SP is mph (a North American vendor)
MILE: Final = 1609.344  # metres per mile: MI, the mileage, is miles

GPS_LOCKED: Final = 1  # GS: 0 not locked, 1 locked, 2 communication failure, 3 off (saving)

# Event number -> alarm. Where no alarm fits, the event number alone is kept (attribute
# `event`); periodic reports (4001-4006) carry none.
ALARMS: Final[dict[int, str]] = {
    6002: "overspeed",  # speed threshold
    6003: "highRpm",  # RPM threshold (XT-2000/2060)
    6004: "geofence",  # geofence crossing (XT-2000/2060)
    6006: "hardAcceleration",  # acceleration threshold
    6007: "hardBraking",  # deceleration threshold
    6008: "lowPower",  # main (vehicle) battery below its threshold
    6009: "powerCut",  # main battery disconnect
    6010: "powerRestored",  # main battery reconnect
    6016: "idle",  # idle time threshold
    6017: "tow",  # towing detected / start
    6032: "parking",  # park time threshold
}
# Event number -> ignition state: wired and virtual ignition alerts and periodic reports.
IGNITION: Final[dict[int, bool]] = {
    4001: True, 4002: False, 4003: True, 4004: False,
    6011: True, 6012: False, 6013: True, 6014: False,
}  # fmt: skip
MOTION: Final[dict[int, bool]] = {6030: True, 6031: False}  # moving detected / stopped
INPUT2: Final[dict[int, bool]] = {6019: True, 6020: False}  # input 2 high / low (XT-2150)

# Field codes as the documents name them. One layout per documented message shape.
_A_HEAD: Final = ("UID", "EV", "D", "T", "LT", "LN", "AL", "SP", "HD", "SV", "HP", "BV", "CQ",
                  "MI", "GS")  # fmt: skip
_B_HEAD: Final = ("UID", "EV", "D", "T", "LT", "LN", "AL", "SP", "AC", "DC", "RP", "HD", "SV",
                  "HP", "MI", "MG", "BV", "CQ", "GS")  # fmt: skip
XT2150: Final = (*_A_HEAD, "GT", "AC", "DC", "OC", "OT1", "IN2S", "IG")
XT2060: Final = (*_B_HEAD, "GT", "FL")
XT2060_IGNITION_ON: Final = (*_B_HEAD, "FL", "GT")  # 6011 swaps the last two
XT2060_GEOFENCE: Final = (*_B_HEAD, "XY", "GT", "FL")  # 6004
XT2060_INFO: Final = (*_B_HEAD, "VN", "FWM", "FWO", "PF", "GT", "FL")  # 4006, 6015, 6053
ACCEL: Final = ("AX", "AY", "AZ")
INFO_EVENTS: Final = frozenset({4006, 6015, 6053})
# Every documented layout starts so; a layout we cannot tell is decoded this far only.
COMMON: Final = ("UID", "EV", "D", "T", "LT", "LN", "AL", "SP")
# 17 fields: the captures of traccar's "old" test; its first 15 are the XT-2150/XT4860 head.
SHORT_A: Final = (*_A_HEAD, "", "")

COMMAND_OUTPUT: Final = 7005  # +XT:7005,<OT1>,<X>[,<OT2>,<MN>]: set outputs 1 and 2
