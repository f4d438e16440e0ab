"""IntelliTrac (X1, X8, P1 ...), sans-I/O: exports PROTOCOL and the simulated Device.

Comma-separated text lines, one report a line; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import IntellitracProtocol

PROTOCOL = IntellitracProtocol()

__all__ = ["PROTOCOL", "Device", "IntellitracProtocol"]
