"""What an ARNAVI frame means to the gateway, from its envelope only.

HEADER: the device id (IMEI) and the SERVER_COM the device waits for before sending packages;
HEADER2's answer carries the server's clock, which is the frame's receive time the caller puts
in the session (0 when it has none). PACKAGE: `7B 00 <parcel number> 7D` for every package
whose packets step exactly to its end, whatever they carry: the device repeats an unconfirmed
package, and one it cannot get past would block all its later data. A command result (parcel
number FD) is an answer, not data: it gets no confirmation.
"""

from __future__ import annotations

from typing import Final

from fleetwire.protocols.base import FrameKind, Session, Uplink

from . import text
from .constants import RESULT_PARCEL, PacketType
from .framing import header_answer, is_header, open_header, open_package, package_answer

VERSION_KEY: Final = "arnavi.version"  # session.state: the HEADER version of the connection
_RESULT: Final = Uplink(FrameKind.REPLY)


def _header(frame: bytes, session: Session) -> Uplink:
    version, device_id = open_header(frame)
    session.state[VERSION_KEY] = int(version)
    seconds = max(session.received_us, 0) // 1_000_000
    return Uplink(FrameKind.LOGIN, unique_id=str(device_id), ack=header_answer(version, seconds))


def _package(frame: bytes, session: Session) -> Uplink:
    parcel, found = open_package(frame)
    if parcel == RESULT_PARCEL:
        return _RESULT
    ack = package_answer(parcel)
    if not found:
        return Uplink(FrameKind.HEARTBEAT, ack=ack)
    records = sum(1 for p in found if p.type == PacketType.TAGS)
    return Uplink(FrameKind.DATA if records else FrameKind.OTHER, ack=ack, records=records)


def inspect(frame: bytes, session: Session) -> Uplink:
    if text.is_text(frame):
        return text.inspect(frame)
    return _header(frame, session) if is_header(frame) else _package(frame, session)
