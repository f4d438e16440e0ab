"""Digital Matter (Oyster, Yabby, Remora, Dart, G62/G120 ...), sans-I/O: exports PROTOCOL and
Device.

Wire format: the Digital Matter "OEM Server" binary protocol (sync 02 55, message type, UINT16
little-endian payload length); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import DmtProtocol

PROTOCOL = DmtProtocol()

__all__ = ["PROTOCOL", "Device", "DmtProtocol"]
