"""Topin (ZhongXun) wire constants and message numbers.

Source: ZhongXun "Locator Communication Protocol" (V1.1-V1.3, May 2017; copies at
trackergreat.com "Zhongxun Locator Communication Protocol" and scribd "365GPS 2G and 4G GPS
tracker communication protocol"): every frame is `78 78` + length + protocol number + content
+ `0D 0A`, the length counting protocol number and content, "a few special" messages excepted
(login: a reserved byte instead of the length; WiFi/cell: the WiFi count), and the end marker
may occur inside the content, so the length decides where it does line up. The server must
answer 0x01, 0x10, 0x11, 0x13, 0x17 and 0x69 or the device reconnects. Knows nothing about
parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

START: Final = b"\x78\x78"
STOP: Final = b"\x0d\x0a"
HEAD: Final = 4  # start(2), length(1), protocol(1)
IMEI_BYTES: Final = 8
LOGIN_SIZE: Final = HEAD + IMEI_BYTES + 1 + 2  # + software version + stop
TIME_BYTES: Final = 6
WIFI_ENTRY: Final = 7  # MAC(6) + signal(1)
CELL_ENTRY: Final = 5  # LAC(2) + CI(2) + signal(1)
MAX_FRAME_SIZE: Final = 1024


class Message(IntEnum):
    LOGIN = 0x01
    HEARTBEAT = 0x08
    GPS = 0x10  # online
    GPS_OFFLINE = 0x11
    STATUS = 0x13
    WIFI_OFFLINE = 0x17
    TIME_SYNC = 0x30
    WIFI = 0x69  # online


WIFI_MESSAGES: Final = frozenset({Message.WIFI_OFFLINE, Message.WIFI})
GPS_MESSAGES: Final = frozenset({Message.GPS, Message.GPS_OFFLINE})
# The answers echo the message's own date-time (the vendor's server, as captured in the
# traccar forum thread "Observation regarding Topin protocol": `7878 15 11 <time> 0D0A` for a
# 0x11 frame whose length byte was 0x15).
TIME_ECHOED: Final = GPS_MESSAGES | WIFI_MESSAGES
LOGIN_OK: Final = 0x01
