"""Topflytech wire constants: the parenthesised text form of the older units and the limits.

The text form (``(<IMEI><type>...<date><fix><lat><lon><speed><course>)``) is what the
"topflytech" port of the common open-source tracking server decodes; current models speak the
T880x binary protocol, whose constants are the t800x package's. Knows nothing about parsing.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.protocols.t800x.constants import MAX_FRAME_SIZE as BINARY_MAX

TEXT_START: Final = ord("(")
TEXT_END: Final = ord(")")
IMEI_DIGITS: Final = 15
MAX_TEXT_SIZE: Final = 1024  # the captured messages are ~120 characters
MAX_FRAME_SIZE: Final = max(BINARY_MAX, MAX_TEXT_SIZE)

# (IMEI)(type: two letters, two digits)(status fields)(yyMMddHHmmss)(A/V)(lat ddmm.mmmm N/S)
# (lon dddmm.mmmm E/W)(speed SSS.S km/h)(course CCC.CC)
POSITION: Final = re.compile(
    r"\((?P<imei>\d{15})(?P<type>[A-Z]{2}\d{2})(?P<status>[0-9A-Za-z]*?)"
    r"(?P<date>\d{12})(?P<valid>[AV])"
    r"(?P<lat_deg>\d{2})(?P<lat_min>\d{2}\.\d+)(?P<lat_hem>[NS])"
    r"(?P<lon_deg>\d{3})(?P<lon_min>\d{2}\.\d+)(?P<lon_hem>[EW])"
    r"(?P<speed>\d{3}\.\d)(?P<course>\d{3}\.\d{2})\)"
)
HEAD: Final = re.compile(rb"\((\d{15})[A-Z]{2}\d{2}")
