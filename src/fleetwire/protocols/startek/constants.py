"""Startek (iStartek VT/PT series) wire constants: markers, command codes, event codes.

Owns the numbers of the iStartek "GPS tracker Communication Protocol" (V1.0-V2.2, applied to
PT60, VT100, VT200, VT300, VT800 …) that the other modules share, and the event codes that map
to the shared alarm vocabulary. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

UPLINK_START: Final = b"&&"  # device to server
DOWNLINK_START: Final = b"$$"  # server to device
TERMINATOR: Final = b"\r\n"
CHECKSUM_SIZE: Final = 2  # two upper-case hex digits: the byte sum of everything before them
COMMAND_INDEX: Final = ":"  # the data identifier we send; devices echo it in their answer

# Command codes of device frames that carry a position (000 and 010: ordinary upload, the
# same layout). Any other code is a command's answer, `<code>,<result text>`.
POSITION_COMMANDS: Final = frozenset({"000", "010"})
ENGINE_OUTPUT: Final = "900"  # output control: 900,<output>,<1 on / 0 off>

# The data length counts from the ',' after it to the checksum. A position is about 200
# characters with every optional block; 1 KiB bounds the buffer while leaving room.
MAX_DATA_LENGTH: Final = 1024
MAX_FRAME_SIZE: Final = MAX_DATA_LENGTH + 16

# Event codes with a meaning in the shared vocabulary. The vendor's full event table was not
# available; these are the codes whose meaning is corroborated by Traccar's decoder
# (traccar/traccar StartekProtocolDecoder.java), taken as facts, not code.
ALARMS: Final[dict[int, str]] = {
    5: "door",
    6: "door",
    39: "hardAcceleration",
    40: "hardBraking",
    41: "hardCornering",
}
EVENT_IBUTTON: Final = 53  # iButton/RFID swipe: the event data is the key's code

# system-sta bits (vendor document V2.2)
STATUS_ARMED: Final = 1 << 6
STATUS_STOPPED: Final = 1 << 5
IGNITION_INPUT_BIT: Final = 1  # input 2 is the ACC line (as Traccar reads it)
