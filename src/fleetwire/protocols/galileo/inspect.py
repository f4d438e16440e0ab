"""What a Galileosky packet means to the gateway, from its envelope and head tags only.

Checks header, length and checksum, reads the IMEI (and device id) of the head tags, and gives
the confirmation every packet needs: `02` + its checksum. A packet whose tags this package cannot
walk is still confirmed once its checksum is right: it is kept in the raw log for re-decoding,
and an unconfirmed packet would come back forever.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import Header, Tag
from .framing import confirmation, open_frame
from .tags import first_imei, walk

DEVICE_ID_KEY: Final = "galileo.device_id"  # session.state: echoed in command packets
_POSITION_TAGS: Final = frozenset({Tag.TIME, Tag.COORDINATES})


def _kind_and_count(frame: bytes, start: int, end: int) -> tuple[FrameKind, int]:
    """Records carrying a time or coordinates; a command text makes the packet a reply. Stops
    quietly at a tag it cannot step over: the count so far is what can be told."""
    count = 0
    seen: set[int] = set()
    positioned = False
    try:
        for tv in walk(frame, start, end):
            if tv.tag == Tag.COMMAND_TEXT:
                return FrameKind.REPLY, 1
            if tv.tag in seen:
                count += positioned
                seen, positioned = set(), False
            seen.add(tv.tag)
            positioned = positioned or tv.tag in _POSITION_TAGS
    except DeviceError:
        pass
    count += positioned
    return (FrameKind.DATA if count else FrameKind.LOGIN), count


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    ack = confirmation(frame)
    if env.header != Header.MAIN:
        return Uplink(FrameKind.OTHER, ack=ack)
    imei, device_id = first_imei(frame, env.start, env.end)
    if device_id is not None:
        session.state[DEVICE_ID_KEY] = device_id
    kind, count = _kind_and_count(frame, env.start, env.end)
    if kind is FrameKind.LOGIN and imei is None:
        kind = FrameKind.OTHER  # neither records nor an identity
    return Uplink(kind, unique_id=imei, ack=ack, records=count)
