"""Xexun (TK102/TK103 and clones, XT-107), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: GPRMC-based text, in a basic and a full layout; the modules here each own one part.
"""

from __future__ import annotations

from .device import Device
from .protocol import XexunProtocol

PROTOCOL = XexunProtocol()

__all__ = ["PROTOCOL", "Device", "XexunProtocol"]
