"""What an Ulbotech frame means to the gateway, from its envelope and header only.

Binary data frames carry the IMEI, so every frame identifies the device; the reply is the
vendor's binary acknowledgement, `F8 [01 FE <CRC> <CRC of the four bytes before>] F8` escaped
like any frame, where <CRC> is the CRC-16/XMODEM of the whole frame as received. Text frames
(`*TS01,<id>...#`) get the text acknowledgement `*TS01,ACK:<CRC>#`, the same CRC over the whole
text frame. Both as the vendor decoder tool builds them (DataBinAcknowledgement,
DataTxtAcknowledgement), which computes the CRC over the frame it was given, markers included.
The vendor document's own wording could not be read (see constants.py): Traccar, for one, sends
the text CRC without the `*` and `#`, and a binary reply that echoes the frame's first two
bytes instead of a CRC. No block is parsed here.
"""

from __future__ import annotations

from typing import Final

from fleetwire.errors import FramingError
from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import FLAG, VERSION, FrameType
from .framing import Shape, build_binary, open_binary, open_text, text_ack

_TEXT_KINDS: Final[dict[Shape, FrameKind]] = {
    Shape.HEARTBEAT: FrameKind.HEARTBEAT,
    Shape.DATA: FrameKind.DATA,
    Shape.ANSWER: FrameKind.REPLY,
}


def binary_ack(frame: bytes) -> bytes:
    crc = crc16_xmodem(frame)
    return build_binary(bytes((VERSION, FrameType.ACK)) + crc.to_bytes(2, "big"))


def inspect(frame: bytes, session: Session) -> Uplink:
    if not frame:
        raise FramingError("empty frame")
    if frame[0] == FLAG:
        env = open_binary(frame)
        if env.frame_type != FrameType.DATA:
            return Uplink(FrameKind.OTHER)
        return Uplink(FrameKind.DATA, unique_id=env.imei, ack=binary_ack(frame), records=1)
    t = open_text(frame)
    kind = _TEXT_KINDS[t.shape]
    records = 1 if kind in (FrameKind.DATA, FrameKind.REPLY) else 0
    return Uplink(kind, unique_id=t.device_id, ack=text_ack(frame), records=records)
