"""What a TRV message means to the gateway: the login `<prefix>AP00<IMEI>` names the device and
is answered `<prefix>BP00,<UTC yyyyMMddHHmmss>,0#` (the platform's clock and time zone 0: the
vendor document's login answer); every other message the device sends is answered with its own
head, kind letter moved on (`IWAP01...` -> `IWBP01#`, `TRVYP14...` -> `TRVZP14#`), except the
device's answers to the platform's commands (`IWAPXL,<serial>`, `IWAP12,...`), which are
answers themselves.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ANSWER_KIND, COMMAND_ANSWERS, LOGIN
from .decoding import carries_records
from .framing import open_message

_IMEI: Final = re.compile(r"\d{15}")
_SERIAL: Final = re.compile(r",\d{6}")  # an answer's command serial, alone


def answer_head(prefix: str, kind: str, type_: str) -> str:
    return f"{prefix}{ANSWER_KIND[kind]}{type_}"


def login_answer(prefix: str, received_us: int) -> bytes:
    t = datetime.fromtimestamp(max(received_us, 0) / 1_000_000, UTC)
    return f"{answer_head(prefix, 'AP', LOGIN)},{t:%Y%m%d%H%M%S},0#".encode("ascii")


def inspect(frame: bytes, session: Session) -> Uplink:
    m = open_message(frame)
    if m.kind == "AP" and m.type == LOGIN:
        if _IMEI.fullmatch(m.content) is None:
            raise InvalidField(f"bad login IMEI {m.content[:20]!r}")
        return Uplink(FrameKind.LOGIN, m.content, login_answer(m.prefix, session.received_us))
    if m.type in COMMAND_ANSWERS or _SERIAL.fullmatch(m.content):
        return Uplink(FrameKind.REPLY)
    data = carries_records(m)
    ack = f"{answer_head(m.prefix, m.kind, m.type)}#".encode("ascii")
    return Uplink(FrameKind.DATA if data else FrameKind.OTHER, ack=ack, records=int(data))
