"""KHD (Kaihongda and other `29 29` trackers), sans-I/O: exports PROTOCOL and the simulated
Device.

Binary frames `29 29` + command + length + pseudo-IP + parameters + XOR checksum + `0D`; the
modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import KhdProtocol

PROTOCOL = KhdProtocol()

__all__ = ["PROTOCOL", "Device", "KhdProtocol"]
