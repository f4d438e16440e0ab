"""Laipac constants: sentence types, the size limit and the event codes.

No Laipac protocol document is public. The sentence shapes (`$AVSYS`, `$EAVSYS`, `$ECHK`,
`$AVRMC`, the server's `$AVREQ,<password>,1` location request and `$EAVACK`) are those of
device captures and of a public device-side implementation (a Nordic nRF relay emulating a
Laipac unit: it sends `$AVSYS`, `$EAVSYS`, `$ECHK` on connect and reacts to `$AVREQ` and
`$EAVACK`). Event meanings are those the reference decoder's test names on its captures.
Knows nothing about parsing.
"""

from __future__ import annotations

from typing import Final

REPORT: Final = "$AVRMC"
KEEPALIVE: Final = "$ECHK"
MAX_FRAME_SIZE: Final = 512  # the longest capture is 104 bytes
DEFAULT_PASSWORD: Final = "00000000"  # the units' factory password, in every capture

# Event code -> alarm (only those whose meaning a labelled capture gives).
ALARMS: Final[dict[str, str]] = {"3": "sos", "H": "powerOff"}
# Status letters: A a valid GPS fix, R r and P p fixes the captures show with coordinates,
# V v no fix; a lower-case letter asks for an acknowledgement.
VALID: Final = frozenset("ARP")
