"""EasyTrack (`*ET,...#` trackers), sans-I/O: exports PROTOCOL and the simulated Device. Wire
format: comma-separated ASCII with hex fields; see constants.py for the sources."""

from __future__ import annotations

from .device import Device
from .protocol import EasyTrackProtocol

PROTOCOL = EasyTrackProtocol()

__all__ = ["PROTOCOL", "Device", "EasyTrackProtocol"]
