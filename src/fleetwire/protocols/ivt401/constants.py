"""iVT401 wire constants: the report envelope, report types and the fields read.

No vendor document could be found: the layout is read off device captures (traccar/traccar
Ivt401ProtocolDecoderTest, used as data only): `(<type>,<IMEI>,<ddMMyy>,<HHmmss>,<±lat>,<±lon>,
<speed km/h>,<course>,<altitude m>,<satellites>,<fix 1>,<GSM signal>,<inputs>,<outputs>,<adc>,
<power V>,<battery V>,<temperature °C>,...)`; the tail differs between report types and
firmware and is not read.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x28  # "("
END: Final = 0x29  # ")"
CR: Final = 0x0D
LF: Final = 0x0A
MAX_FRAME_SIZE: Final = 512
# TLN normal, TLA alert, TLB buffered (sent from memory), TLL: seen with the same layout
TYPES: Final = frozenset({"TLN", "TLA", "TLB", "TLL"})
BUFFERED: Final = "TLB"
FIELDS: Final = 18  # through the temperature: every capture has at least these
FIX_VALID: Final = "1"
