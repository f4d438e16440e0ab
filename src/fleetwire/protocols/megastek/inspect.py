"""What a Megastek line means to the gateway: the unit and the kind; no reply.

No capture or post shows a server reply to a report, so none is sent. The unit is the
`$MGV002` imei field, the `imei:` field of a new `STX` line (its first field is a user-set
name, `GerAL22` in a capture), or else the id after `STX`. Knows nothing about report contents.
"""

from __future__ import annotations

import re

from fleetwire.errors import InvalidField
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import MGV, RMC
from .framing import open_line

_UNIT = re.compile(r"[0-9A-Za-z]{1,20}")
_IMEI = re.compile(r",imei:(\w*),")
_OLD_ID = re.compile(r"(?:LOG)?STX,?([0-9A-Za-z]*)")


def _unit(line: str) -> str | None:
    if line.startswith(MGV + ","):
        text = line.split(",")[1]
    elif (m := _IMEI.search(line)) or (RMC in line and (m := _OLD_ID.match(line))):
        text = m[1]
    else:
        return None
    if not text:
        return None
    if _UNIT.fullmatch(text) is None:
        raise InvalidField(f"bad Megastek unit id {text[:24]!r}")
    return text


def inspect(frame: bytes, session: Session) -> Uplink:
    line = open_line(frame).decode("latin-1")
    report = line.startswith(MGV + ",") or RMC in line
    kind = FrameKind.DATA if report else FrameKind.OTHER
    return Uplink(kind, unique_id=_unit(line), records=int(report))
