"""CGuard numbers and names: message prefixes, the line end, the status keys and the size cap.
Knows nothing about parsing.

Sources: no vendor document could be found. The message layouts come from the public captures
of traccar/traccar src/test/java/org/traccar/protocol/CguardProtocolDecoderTest.java (data
only) and flespi's published parameter list for the protocol (https://flespi.com/protocols/
cguard: GSM signal in percent, battery and external power in volts, HDOP, speed in km/h).
"""

from __future__ import annotations

from typing import Final

STARTS: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # every message opens with its upper-case type
ENDS: Final = b"\r\n"
MAX_FRAME_SIZE: Final = 1024

LOGIN_PREFIX: Final = "ID"  # IDRO:<IMEI> (ID + mode letters, a colon, the identity)
POSITION: Final = "NV"  # NV:<yyMMdd HHmmss>:<lat>:<lon>:<speed>:<hdop>:<course>[:<altitude>]
STATUS: Final = "BC"  # BC:<yyMMdd HHmmss>:<KEY>:<value>:...
VERSION: Final = "VERSION"
PING: Final = "PING"
NAN: Final = "NAN"  # a value the device does not have

# status keys -> attribute names (flespi's parameter list); others keep the key in lower case
STATUS_KEYS: Final[dict[str, str]] = {
    "CSQ1": "rssi",  # GSM signal, percent
    "PWR1": "power",  # external power, volts
}
BATTERY_KEY: Final = "BAT1"  # percent when whole, volts when it has decimals
