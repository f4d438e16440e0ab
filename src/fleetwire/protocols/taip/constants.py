"""TAIP constants: sentence delimiters, units and the size limits.

Sources: Trimble "TAIP" appendix of the Lassen-SK8 / Copernicus reference manuals (message format
`>ABB{C}[;ID=DDDD][;*FF]<`, qualifiers Q/R/F/S/D, checksum XOR of every character from `>` up to
and including `*`, PV/CP/AL/LN layouts, speeds in mph, altitude in feet); Cypress Solutions'
CTM-200 page for the LN layout (`>RLN...<`); Rinho's TAIP documentation for the server
acknowledgement `>ACK;#<message number>;ID=<unit>;*<XOR><`. Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x3E  # '>'
END: Final = 0x3C  # '<'
CR: Final = 0x0D
LF: Final = 0x0A

# The longest sentence in any capture is ~170 characters (an RUS with its extensions); LN with
# twelve satellites is 115. Room for long Syrus extended-tag lists, nothing near a kilobyte.
MAX_FRAME_SIZE: Final = 1024

MPH: Final = 1.609344  # km/h per mile per hour: TAIP speeds are mph
FOOT: Final = 0.3048  # metres per foot: TAIP altitudes are feet

REPORT: Final = "R"  # qualifier of a report or of an answer to a query (device -> server)
