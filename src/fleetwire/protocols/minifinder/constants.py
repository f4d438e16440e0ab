"""MiniFinder text protocol wire constants: message start and end, message types, sizes.

Sources. The message shapes (`!<type>,<fields>;`) and fields are facts from the published test
messages of the common open-source server (MiniFinderProtocolDecoderTest.java, used as data
only) and the vendor's description of the older Pico/Zepto/Atto firmware quoted in the issue
(`!1,<imei>;` login). The protocol is Eview's EV-07S GPRS protocol (traccar/traccar pull request
#2906, which also says that !A and !C are not in that document: their fields here are read off
the captures only). Each test vector names its source.
"""

from __future__ import annotations

from typing import Final

START: Final = 0x21  # "!"
END: Final = 0x3B  # ";"
CR: Final = 0x0D
LF: Final = 0x0A
BINARY_HEADER: Final = 0xAB  # a minifinder2 frame (see framing: the old name's raw log)
MAX_FRAME_SIZE: Final = 512
BINARY_SESSION: Final = "minifinder.binary"  # session state: this connection speaks minifinder2

LOGIN: Final = "1"  # !1,<imei>[,<firmware>,<battery %>]
RESULT: Final = "3"  # !3,<result text>: the answer to a command
PHONES: Final = "4"  # !4,<n>,<phone 1>,<phone 2>,...: the stored numbers
STATUS: Final = "5"  # !5,<signal>,<GPS A/V>[,<battery %>]
POSITION: Final = "D"  # !D,<d/m/yy>,<h:m:s>,<lat>,<lon>,<km/h>,<course>,<flags hex>,<alt>,...
POSITION_C: Final = "C"  # same first nine fields as !D (an older firmware's report)
ALARM_POSITION: Final = "A"  # !A,<d/m/yy>,<h:m:s>,<lat>,<lon>,<km/h>,<course>,<flags>

FLAG_VALID: Final = 0  # bit 0 of the !D flags: every valid fix in the sources has it set
