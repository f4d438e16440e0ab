"""MiniFinder (Eview EV-07B family) wire constants: envelope sizes, message types, keys, alarm bits.

Sources. Vendor "EV-07B Protocol v1.2 V20200508" (Shenzhen Eview; MiniFinder Pico/Nano/Atto/Zepto
are rebrands), section 1: every multi-byte field is little-endian, times are Unix seconds (UTC),
a message whose ACK flag is 1 must be answered with the same sequence id. Section 2, "Structure of
message": header, properties, length, checksum, sequence id, message body. Only the overview of
that document could be retrieved; the key layouts below were checked against every captured frame
in tests/protocols/minifinder2/vectors.py (lengths, CRCs, plausible values), and the alarm bits come
from a public EV-07B alarm analysis (see ALARM_BITS). Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

HEADER: Final = 0xAB
# header (1), properties (1), body length (u16 LE), CRC of the body (u16 LE), sequence id (u16 LE)
HEADER_SIZE: Final = 8
MAX_BODY: Final = 0xFFFF  # the length field is 16 bits
MAX_FRAME_SIZE: Final = HEADER_SIZE + MAX_BODY

# properties byte: bit 4 asks the receiver for a response. The other bits (seen: 0x08) carry a
# version the overview does not spell out; they are kept but not interpreted.
ACK_FLAG: Final = 0x10

IMEI_SIZE: Final = 15

# The checksum is CRC-16/XMODEM (protocols/_binary.py) of the message body, stored
# little-endian; verified on every captured frame.


class Message(IntEnum):
    """The first byte of the message body."""

    DATA = 0x01
    CONFIGURATION = 0x02
    SERVICES = 0x03
    SYSTEM_CONTROL = 0x04
    RESPONSE = 0x7F


class Key(IntEnum):
    """Keys of the records that follow the message type: length (key + value), key, value."""

    # response message: key 0 with no value is the positive response (ACK); a device answering a
    # server message sends exactly this (capture RESPONSE in vectors.py)
    ACK = 0x00
    IMEI = 0x01  # 15 ASCII digits; first key of every data and services message
    ALARM = 0x02  # alarm bits (u32), time (u32) [, 4 more bytes on newer firmware]
    HEARTBEAT = 0x10  # services: keep-alive (1-byte value, not interpreted)
    GPS = 0x20  # lat, lon (i32, 1e-7 deg), speed (km/h), course, altitude (i16 m), accuracy,
    # mileage (u32 m), satellites: 21 bytes
    GENERAL = 0x24  # time (u32), status (u32) [, 4 more bytes on newer firmware]
    COUNTER = 0x37  # time (u32), the bark count (u32, bit 31: barking stopped) of pet models


# The message types whose first key is the IMEI (the frames that identify the device).
IDENTIFIED: Final = frozenset({Message.DATA, Message.SERVICES})

GPS_SIZE: Final = 21
TIMED_SIZE: Final = 8  # time + one u32: the least a 0x02, 0x24 or 0x37 value holds

# status word of key 0x24: the high byte is the battery level in percent (<= 100 in every
# capture); bit 4 charging and bit 9 moving per the alarm analysis cited below.
STATUS_BATTERY_SHIFT: Final = 24
STATUS_CHARGE: Final = 1 << 4
STATUS_MOTION: Final = 1 << 9

# Alarm bits of key 0x02 -> attributes.md alarm values. Source: public EV-07B alarm analysis
# "Informe de alarmas - SimpleCare IoT" (table "Tabla comparativa maestra"), which lists the bits
# the MiniFinder2 decoding of the common open-source server maps; the vendor table itself could
# not be retrieved. Bits 4-7 are geofences 1-4; the analysis says bits 26-29 tell enter from exit
# but is not sure how, so both map to the generic "geofence". Bit 12 (SOS) is confirmed by a
# capture (ALARM_SOS in vectors.py). Other bits (buttons 13/14) stay in
# the raw ``event``; bit 31 of the pet models (bark collars) is barking, kept as ``bark``
# (captures #11), as bit 31 of key 0x37 is ``barkStop``.
ALARM_BITS: Final[tuple[tuple[int, str], ...]] = (
    (0, "lowBattery"),
    (1, "overspeed"),
    (2, "fallDown"),
    (4, "geofence"),
    (5, "geofence"),
    (6, "geofence"),
    (7, "geofence"),
    (8, "powerOff"),
    (9, "powerOn"),
    (10, "movement"),
    (12, "sos"),
)

BARK_ALARM: Final = 1 << 31
BARK_STOP: Final = 1 << 31
