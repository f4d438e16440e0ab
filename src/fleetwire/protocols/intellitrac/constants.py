"""IntelliTrac wire constants and the report layout.

Source: the report lines of traccar/traccar IntellitracProtocolDecoderTest (device captures,
used as data), which follow the IntelliTrac report format: `[$RP:][<sequence>,]<unit id>,
<YYYYMMDDhhmmss>,<longitude>,<latitude>,<speed km/h>,<course>,<altitude m>,<satellites>,
<report id>,<inputs>,<outputs>[,<analog 1 V>,<analog 2 V>[,<GPS time>, ...]]`, UTC, decimal
degrees with a sign; `$RP:` marks the answer to a position poll, `$OK:`/`$ERR:` lines answer
commands. Lines end with CR LF. Knows nothing about parsing.
"""

from __future__ import annotations

import re
from typing import Final

LF: Final = 0x0A
CR: Final = 0x0D
MAX_FRAME_SIZE: Final = 1024
STARTS: Final = b"$-0123456789"
POLL_PREFIX: Final = "$RP:"
# the unit id is the field before the first 14-digit date-time
TIMESTAMP: Final = re.compile(r"\d{14}")
MIN_FIELDS: Final = 11  # id .. outputs
