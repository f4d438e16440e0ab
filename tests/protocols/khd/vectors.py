"""Real KHD frames, from traccar/traccar src/test/java/org/traccar/protocol/
KhdProtocolDecoderTest.java and KhdProtocolEncoderTest.java (device captures and the encoder's
expected bytes, used as data); the same uplink frames are in captures.jsonl."""

from __future__ import annotations

from typing import Final

# 0x80 report, Shenzhen: 2012-08-11 03:21:37, 22 deg 37.301' N, 114 deg 02.111' E, course 334
POSITION: Final = bytes.fromhex(
    "292980002802425349120811032137022373011140211100000334FFFF000082FC0000001E780913000034DF0D"
)
# 0x82 alarm: 80 km/h, course 207
ALARM: Final = bytes.fromhex(
    "29298200230AA2CC391205030505220285947903109550008002078400000002000000000000750D"
)
# 0x8E re-upload from Nairobi: the latitude's first nibble 8 = south
STORED: Final = bytes.fromhex(
    "29298e006d1f29402d181117083846801193910365274500000000f80000227ffc3f00001e00500000000000"
    "060088000000220019ffc100000000000000000000000000000000007080002000000016ff89383932353430"
    "3231303734313134323334333639000800233030302e30306e0d"
)
# 0xA3 extended report
EXTENDED: Final = bytes.fromhex(
    "2929a3002e1780c663170216203353003060811013839500000114f8000000ffff5000000a00000000000000"
    "060102003db70d"
)
LOGIN: Final = bytes.fromhex("2929b1000605162935b80d")
# KhdProtocolEncoderTest, unit "123456789012345": engine stop and single position
ENGINE_STOP: Final = bytes.fromhex("29293900065981972d5d0d")
POSITION_SINGLE: Final = bytes.fromhex("29293000065981972d540d")

VALID: Final = (POSITION, ALARM, STORED, EXTENDED, LOGIN)
