"""Real T55 lines used as test data (traccar T55ProtocolDecoderTest, used as data only), with
the CR LF that ends each on the wire."""

from __future__ import annotations

from .captures import CAPTURES

VALID: list[bytes] = [c.frame for c in CAPTURES.captures]
PGID = b"$PGID,359853000144328*0F\r\n"
RMC = b"$GPRMC,094907.000,A,6000.5332,N,03020.5192,E,1.17,60.26,091111,,*33\r\n"
PREFIXED = (
    b"4711/022789000688081/$GPRMC,133343,A,5308.56325,N,1029.12850,E,0.000000,0.000000,"
    b"290316,,*2A\r\n"
)
TRAILER = (
    b"$GPRMC,073446.000,A,1255.5125,N,07738.2948,E,0.00,0.53,080316,D*71,11,865733027593268,"
    b"1,090,086\r\n"
)
IOP = b"$GPIOP,01000000,00000000,0.00,0.00,0.00,0.00,4.69,4.24*49\r\n"
