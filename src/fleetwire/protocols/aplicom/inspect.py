"""What an Aplicom packet means to the gateway, from its header only.

Every packet carries the unit's identity: the IMEI when the version byte's bit 7 is set, else a
3-byte unit id (the vendor derives the IMEI of older TC65 units from it per hardware version,
which the header does not name, so the unit id itself is the identity). The data protocols are
one-way: no reply is defined for them in what could be read of the vendor document, and none is
sent.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .framing import open_header, split


def inspect(frame: bytes, session: Session) -> Uplink:
    packets = split(frame)
    head = open_header(packets[0])
    return Uplink(FrameKind.DATA, unique_id=head.unit_id, records=len(packets))
