"""GoSafe (G1S, G3S, G6S, G737, G777, G797 ...) text protocol, sans-I/O: exports PROTOCOL and
the simulated Device.

Wire format `*GS<vv>,<IMEI>,<record>[$<record>...]#`, read from real captures (no vendor
document was available; see constants.py); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import GoSafeProtocol

PROTOCOL = GoSafeProtocol()

__all__ = ["PROTOCOL", "Device", "GoSafeProtocol"]
