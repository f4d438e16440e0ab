"""HuaSheng (OBD trackers), sans-I/O: exports PROTOCOL and the simulated Device.

SLIP-style frames `C0` ... `C0` with a 12-byte header and TLV items; the modules here each own
one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import HuashengProtocol

PROTOCOL = HuashengProtocol()

__all__ = ["PROTOCOL", "Device", "HuashengProtocol"]
