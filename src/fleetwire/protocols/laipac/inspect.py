"""What a Laipac sentence means to the gateway: the unit, the kind and the exact reply.

An `$AVRMC` whose status letter is lower case waits for `$EAVACK,<event>,<its checksum>*XX`
CR LF (the unit repeats the report until then); an `$ECHK` keep-alive is answered with itself;
nothing else is answered. Every sentence names the unit in its second field. Knows nothing
about report contents.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import KEEPALIVE, REPORT
from .framing import checksum_of, open_sentence, sentence

_UNIT = re.compile(r"[0-9A-Za-z]{1,20}")


def acknowledgement(event: str, checksum: str) -> bytes:
    return sentence(f"$EAVACK,{event},{checksum}")


def inspect(frame: bytes, session: Session) -> Uplink:
    f = open_sentence(frame)
    unit = f[1] if len(f) > 1 else ""
    if _UNIT.fullmatch(unit) is None:
        raise InvalidField(f"bad Laipac unit id {unit[:24]!r}")
    if f[0] == REPORT:
        status = f[3] if len(f) > 3 else ""
        event = f[11] if len(f) > 11 else ""
        ack = acknowledgement(event, checksum_of(frame)) if status.islower() else b""
        return Uplink(FrameKind.DATA, unique_id=unit, ack=ack, records=1)
    if f[0] == KEEPALIVE:
        return Uplink(FrameKind.HEARTBEAT, unique_id=unit, ack=frame.rstrip(b"\r\n") + b"\r\n")
    return Uplink(FrameKind.OTHER, unique_id=unit)
