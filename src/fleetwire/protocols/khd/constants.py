"""KHD wire constants: envelope, command numbers, the position layout.

Sources: the "BSJ GPRS communication protocol" document (trackergreat.com copy: header
`29 29`, command(1), length(2) counting every byte after it through the tail, a 4-byte pseudo-IP
made from the unit's number, parameters, an XOR of every byte before it, tail `0D`; position
data `yymmddhhmmss wwww jjjj ss ff st` ...), and the device captures of traccar/traccar
KhdProtocolDecoderTest / KhdProtocolEncoderTest (used as data) for the command numbers seen
from devices. Knows nothing about parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

START: Final = b"\x29\x29"
TAIL: Final = 0x0D
HEAD: Final = 5  # start(2), command(1), length(2)
ID_BYTES: Final = 4
POSITION_BYTES: Final = 19  # time(6) lat(4) lon(4) speed(2) course(2) status(1)
MAX_FRAME_SIZE: Final = 512  # "the message does not exceed the total length of 512 bytes"
STATUS_FIX: Final = 0x80  # st bit 7: positioned
SIGN_BIT: Final = 0x80  # the coordinate's first BCD nibble's high bit: south / west


class Command(IntEnum):
    POSITION = 0x80  # periodic report
    POSITION_REQUESTED = 0x81  # answer to 0x30
    ALARM = 0x82
    POSITION_85 = 0x85
    STORED = 0x8E  # blind-area data sent later
    POSITION_EXTENDED = 0xA3  # position + extra sensor block
    LOGIN = 0xB1  # sent on connect and as the keep-alive
    CONFIRMATION = 0x21  # server -> unit: frame received
    LOCATE = 0x30  # server -> unit: report position now
    ENGINE_RESUME = 0x38
    ENGINE_STOP = 0x39


POSITIONS: Final = frozenset({
    Command.POSITION, Command.POSITION_REQUESTED, Command.ALARM, Command.POSITION_85,
    Command.STORED, Command.POSITION_EXTENDED,
})  # fmt: skip
