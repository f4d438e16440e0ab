"""Digital Matter OEM Server protocol numbers: message types, data field ids, analogue ids, sizes.

Sources: Digital Matter support article 16000046279 "Device direct to 3rd party software -
implementing 2 required canned responses" (envelope: sync 02 55, type, UINT16 length with the
low byte first, e.g. `0C 00`; message 0x14 and its canned answer 0x15); the message-type list of
the OEM Server protocol as restated by bitid-open-source-iot/digitalmatterslibrary
(lib/protocol.js: hello 0x00 / 0x01, data records 0x04, commit 0x05 / 0x06, version 0x14 / 0x15,
async 0x20-0x23, socket closure 0x26, time 0x30 / 0x31) and its README (analogue ids 1-4 are
battery mV, external mV, temperature 0.01 C, signal strength). Knows nothing about parsing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import Final


class MsgType(IntEnum):
    HELLO = 0x00  # device: serial, IMEI, ICCID, product, versions
    HELLO_RESPONSE = 0x01  # server: UTC time (s since 2013) + flags
    DATA_RECORDS = 0x04  # device: one or more data records
    COMMIT_REQUEST = 0x05  # device: "may I delete what I sent?"
    COMMIT_RESPONSE = 0x06  # server: 1 = success
    COMPACT_RECORDS = 0x10  # device: 64-byte records (compact.py)
    VERSION_DATA = 0x14  # device: firmware slot versions
    VERSION_RESPONSE = 0x15  # server: the canned 12 zero bytes
    ASYNC_MESSAGE = 0x20  # server: a queued asynchronous message (not encoded here)
    ASYNC_STATUS = 0x21  # device: delivery status of an asynchronous message
    ASYNC_SESSION_REQUEST = 0x22  # device: "send me any queued asynchronous messages"
    ASYNC_SESSION_COMPLETE = 0x23  # server: nothing (more) queued
    SOCKET_CLOSURE = 0x26  # device: it is about to close the socket
    TIME_REQUEST = 0x30  # device: asks for the time (needs a clock: not answered here)
    TIME_RESPONSE = 0x31


class FieldId(IntEnum):
    GPS = 0
    DEBUG = 1  # UINT16 code + ASCII text
    DIGITAL = 2  # UINT32 inputs, UINT16 outputs, UINT16 status flags
    ANALOG16 = 6  # (UINT8 id, INT16 value) pairs
    ANALOG32 = 7  # (UINT8 id, UINT32 value) pairs


class AnalogId(IntEnum):
    BATTERY = 1  # internal battery, mV
    EXTERNAL = 2  # external supply, mV
    TEMPERATURE = 3  # internal temperature, 0.01 C (signed)
    SIGNAL = 4  # GSM signal strength (CSQ)


SYNC: Final = b"\x02\x55"
HEAD_SIZE: Final = 5  # sync (2) + type (1) + length (2)
MAX_PAYLOAD: Final = 0xFFFF
MAX_FRAME_SIZE: Final = HEAD_SIZE + MAX_PAYLOAD
EPOCH: Final = datetime(2013, 1, 1, tzinfo=UTC)  # every DM time counts seconds from here

# hello payload: serial UINT32, IMEI 16 bytes (NUL padded), ICCID 21 bytes (NUL padded),
# product id, hardware revision, firmware major, firmware minor (1 each), flags UINT32
HELLO_SIZE: Final = 49
HELLO_IMEI: Final = slice(4, 20)
HELLO_ICCID: Final = slice(20, 41)
HELLO_VERSIONS: Final = 41  # product, hardware, firmware major, firmware minor

# data record head: length UINT16 (whole record), sequence UINT32, RTC time UINT32, log reason
RECORD_HEAD: Final = 11
GPS_SIZE: Final = 21
DIGITAL_SIZE: Final = 8
GPS_VALID: Final = 0x01  # bit 0 of the GPS status flags: a valid fix
COMMIT_SUCCESS: Final = 0x01
VERSION_RESPONSE_BODY: Final = bytes(12)
