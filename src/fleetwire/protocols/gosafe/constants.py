"""GoSafe text protocol constants and tables.

Owns what the wire format fixes: the `*GS` start and `#` end of a message, the separators of
records (`$`), fields (`,`), block tags (`:`) and block values (`;`), the size cap, and the OBD-II
PIDs decoded (SAE J1979 formulas, a public standard). Knows nothing about parsing.

No GoSafe vendor document ("GoSafe Product Protocol") was found in any searchable source: the
layout here is read from real device captures (see tests/protocols/gosafe/vectors.py), and the
meaning of each block field from what those captures show. Where they do not settle a meaning,
the field is kept raw or left out, and the module that reads it says so.
"""

from __future__ import annotations

from typing import Final

START: Final = b"*GS"
END: Final = 0x23  # '#'
RECORD_SEP: Final = "$"
FIELD_SEP: Final = ","
VALUE_SEP: Final = ";"

# Seven buffered records with GSM neighbour cells and OBD make ~1.2 KB; a device emptying its
# memory may pack more. Not documented: chosen with room to spare.
MAX_FRAME_SIZE: Final = 8192

NO_TIME: Final = "000000000000"  # records after the first of a GS56 batch carry no clock

# OBD-II mode 01 PID -> (attribute, scale): value = A * scale (one-byte PIDs), from SAE J1979.
OBD_ONE_BYTE: Final[dict[int, tuple[str, float]]] = {
    0x04: ("engineLoad", 100 / 255),  # calculated load, %
    0x0D: ("obdSpeed", 1.0),  # km/h
    0x11: ("throttle", 100 / 255),  # absolute throttle position, %
    0x2F: ("fuelLevel", 100 / 255),  # fuel tank level input, %
}
OBD_COOLANT: Final = 0x05  # A - 40 degrees C
OBD_RPM: Final = 0x0C  # (256 A + B) / 4
OBD_RESPONSE: Final = 0x41  # mode 01 positive response
OBD_VIN_RESPONSE: Final = 0x49  # mode 09 positive response
OBD_VIN_PID: Final = 0x02
