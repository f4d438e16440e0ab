"""Real Mictrack lines used as test data (traccar MictrackProtocolDecoderTest, used as data
only), with the CR LF that ends each on the wire."""

from __future__ import annotations

from .captures import CAPTURES

VALID: list[bytes] = [c.frame for c in CAPTURES.captures]
GPS = b"MT;6;866425031361423;R0;10+190109091803+22.63827+114.02922+2.14+69+2+3744+113\r\n"
CELL = b"MT;1;866425031379169;R2;181129081017+0,21681,20616,460+4+3976+0\r\n"
HEARTBEAT = b"MT;5;866425031379169;RH;5+190116112648+0+0+0+0+11+3954+1\r\n"
LOW_ALTITUDE = VALID[12]  # two fixes
RESULT = b"867035041390699 netlock=Success!\r\n"
