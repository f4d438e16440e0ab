"""H02 (Sinotrack / "TQ GPRS" and clones) wire constants and the vehicle-status bit table.

Owns the numbers the vendor documents fix: the frame markers, the binary record sizes seen in
real captures, and the meaning of the 32-bit negative-logic vehicle status ("TQ GPRS transport
protocol" / HuaSunTek "GPS Tracker Communication Protocol V1.0.5", section 4). Knows nothing
about parsing.
"""

from __future__ import annotations

from typing import Final

TEXT_START: Final = 0x2A  # '*'
TEXT_END: Final = 0x23  # '#'
BINARY_START: Final = 0x24  # '$'
CR: Final = 0x0D
LF: Final = 0x0A

# Binary records have no length field and no terminator; their size is fixed per firmware.
# 32: the classic record with a 5-byte BCD id. 45/46/48: the same record followed by an
# extension (cell, odometer ...) on newer firmware. 42: the 8-byte (IMEI) id variant.
# All sizes are from device captures (traccar H02ProtocolDecoderTest / H02FrameDecoderTest).
BINARY_SHORT: Final = 32
BINARY_EXTENDED: Final = (45, 46, 48)
BINARY_LONG_ID: Final = 42
SHORT_ID_BYTES: Final = 5
LONG_ID_BYTES: Final = 8

# Text frames are short except the blind-spot batch (BC: up to 100 points of ~75 characters).
MAX_FRAME_SIZE: Final = 8192

# H02 speeds are knots (vendor doc: "1Kn=1.852 km/h"): _units.KNOTS converts them

# Vehicle status: 4 bytes sent as 8 hex characters, first byte first, so the document's
# "first byte" is bits 24-31 of the integer. Negative logic: a 0 bit means "active".
# (bit, alarm) pairs, in the order they are reported when several are active at once.
STATUS_ALARMS: Final[tuple[tuple[int, str], ...]] = (
    (18, "sos"),  # 2nd byte bit 2: SOS alarm state
    (1, "sos"),  # 4th byte bit 1: robbery (hold-up) alarm
    (0, "vibration"),  # 4th byte bit 0: theft alarm (the armed unit's shock sensor)
    (2, "overspeed"),  # 4th byte bit 2: overspeed alarm
    (15, "overspeed"),  # 3rd byte bit 7: vehicle overspeed
    (19, "powerCut"),  # 2nd byte bit 3: host running on its backup battery
    (20, "powerCut"),  # 2nd byte bit 4: vehicle battery removed
    (4, "geofenceEnter"),  # 4th byte bit 4: no-entry area crossed (in)
    (7, "geofenceExit"),  # 4th byte bit 7: area crossed (out)
    (5, "gpsAntennaCut"),  # 4th byte bit 5: GPS antenna open circuit
    (21, "gpsAntennaCut"),  # 2nd byte bit 5: GPS antenna open circuit (state)
    (16, "fault"),  # 2nd byte bit 0: GPS receiver fault
    (24, "temperature"),  # 1st byte bit 0: temperature alarm
)
STATUS_DOOR_OPEN: Final = 8  # 3rd byte bit 0 (0 = door open)
STATUS_ARMED: Final = 9  # 3rd byte bit 1 (0 = fortified)
# 3rd byte bit 2 is the exception the document marks "0 = ACC off": a set bit is ignition on.
STATUS_ACC: Final = 10
STATUS_CUT_OFF: Final = 27  # 1st byte bit 3 (0 = oil/engine cut off)

# ALRM message alarm types (vendor doc, uplink 5).
ALRM_TYPES: Final[dict[str, str]] = {"1": "sos", "2": "lowBattery", "3": "geofence"}
