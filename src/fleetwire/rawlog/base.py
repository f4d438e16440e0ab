"""Raw-log records, independent of the backend that keeps them."""

from __future__ import annotations

from dataclasses import dataclass


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
