"""What a HuaSheng frame means to the gateway, and its answer.

The login (0xAA02) and the identification request (0x0002) name the unit by their IMEI item;
a position names it when it carries one. The login, positions and
requests are answered with their answer type (constants.py), the same version and index and
no content.
"""

from __future__ import annotations

import re
from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ANSWERS, Type
from .decoding import DECODERS
from .framing import Envelope, build, open_frame

_IMEI: Final = re.compile(rb"(?<![0-9])([0-9]{15})(?![0-9])")


def _imei(env: Envelope) -> str | None:
    """The first run of exactly 15 ASCII digits in the content: the value of the IMEI item
    wherever it lies (its item id and the order of id and length differ between versions)."""
    m = _IMEI.search(env.content)
    return m.group(1).decode("ascii") if m else None


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    answer = ANSWERS.get(env.type)
    ack = build(env.version, answer, env.serial) if answer is not None else b""
    if env.type == Type.LOGIN:
        return Uplink(FrameKind.LOGIN, _imei(env), ack=ack)
    if env.type in DECODERS:
        return Uplink(FrameKind.DATA, _imei(env), ack=ack, records=1)
    return Uplink(FrameKind.OTHER, _imei(env), ack=ack)
