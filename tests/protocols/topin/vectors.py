"""Real Topin frames, from traccar/traccar
src/test/java/org/traccar/protocol/TopinProtocolDecoderTest.java (device captures, used as
data); the same frames are in captures.jsonl with the values Fleetwire reads in them."""

from __future__ import annotations

from typing import Final

# login: reserved byte 0x0D, IMEI 359339075416963, software version 0x4D
LOGIN: Final = bytes.fromhex("78780d0103593390754169634d0d0a")
HEARTBEAT: Final = bytes.fromhex("787801080d0a")
# 0x10 GPS whose length byte counts the content alone (0x12 for 18 bytes): 2010-03-23
# 15:50:23, 12 satellites, 22.546097 N 113.110669 E, 31 km/h, course 96
GPS: Final = bytes.fromhex("787812100a03170f32179c026b3f3e0c22ad651f34600d0a")
# 0x10 GPS with three bytes after the course (V1.2), length 0x15 for 21 bytes of content
GPS_LONGER: Final = bytes.fromhex("78781510120b05030d2498038077200be2078f0034000102030d0a")
# 0x08 with a fix (Paris)
HEARTBEAT_FIX: Final = bytes.fromhex(
    "78782008140709121f36300d769f02058cfd300d771202058c6f0000000300005c99000d0a"
)
# 0x13 status: battery 66 %, software version 0x40 ...
STATUS: Final = bytes.fromhex("78780a13424008196400041f000d0a")
# 0x13 status whose length byte (7) is one more than the frame holds
STATUS_SHORT: Final = bytes.fromhex("78780713514d0819640d0a")
# 0x17 offline WiFi/cells: no WiFi (the length byte is the WiFi count), BCD time
# 2019-11-11 20:14:18, 7 cells of MCC 404 MNC 86
WIFI: Final = bytes.fromhex(
    "7878001719111120141807019456465111aa3c465111ab464651c1a550465106b150465342f750465342f6"
    "5a465111a95a000d0a"
)
TIME_REQUEST: Final = bytes.fromhex("787801300d0a")

VALID: Final = (
    LOGIN, HEARTBEAT, GPS, GPS_LONGER, HEARTBEAT_FIX, STATUS, STATUS_SHORT, WIFI, TIME_REQUEST,
)  # fmt: skip
