"""What a TZONE frame means to the gateway, from its envelope only.

Checks start, length, tail, CRC and IMEI (every frame carries the IMEI, so every frame
identifies the device) and gives the exact reply. "TT18-4G-M TCP Data Protocol v1.2", section 1
("Set ACK reply"): "each time the machine sends a piece of data to the server, the server must
reply with an ACK message ... otherwise the machine will continue to send duplicate data",
format `@ACK,<packet index, hex converted into decimal>#`, example `@ACK,0035#`. The example
shows four digits while the document's own C# sample formats the number without padding: we
send the four-digit form of the example (five digits above 9999). No data block is parsed here.
"""

from __future__ import annotations

from fleetwire.protocols.base import FrameKind, Session, Uplink

from .constants import ProtocolNumber
from .framing import open_frame


def ack_for(index: int) -> bytes:
    return f"@ACK,{index:04d}#".encode("ascii")


def inspect(frame: bytes, session: Session) -> Uplink:
    env = open_frame(frame)
    if env.protocol != ProtocolNumber.DATA:
        return Uplink(kind=FrameKind.OTHER, unique_id=env.imei)
    return Uplink(kind=FrameKind.DATA, unique_id=env.imei, ack=ack_for(env.packet_index), records=1)
