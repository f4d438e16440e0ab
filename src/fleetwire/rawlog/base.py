"""Raw-log records, independent of the backend that keeps them."""

from __future__ import annotations

from dataclasses import dataclass

# A session record: the gateway's note that a device's connection was identified (ONLINE) or
# closed (OFFLINE), appended to the raw log like a frame (transport SESSION, the note as data),
# so that it is durable, replayable and in order with the device's frames. Never decoded.
SESSION = "session"
ONLINE = b"online"
OFFLINE = b"offline"


@dataclass(slots=True)
class RawEntry:
    """A frame the gateway appends; the backend assigns its sequence number."""

    device_id: int
    protocol: str
    transport: str
    received_us: int  # server receive time, microseconds since the epoch (UTC)
    connection: int
    peer: str
    data: bytes
    context: bytes = b""  # Uplink.context: what decoding needs from earlier frames


@dataclass(slots=True)
class RawFrame:
    """A frame read back from the log, with its sequence number."""

    seq: int
    device_id: int
    protocol: str
    transport: str
    received_us: int
    connection: int
    peer: str
    data: bytes
    context: bytes = b""  # Uplink.context: what decoding needs from earlier frames
