"""GoTop text protocol (`<imei>,CMD-T,A,DATE:...,TIME:...,LAT:...,LOT:...,Speed:...`), sans-I/O:
exports PROTOCOL and the simulated Device.
"""

from __future__ import annotations

from .device import Device
from .protocol import GotopProtocol

PROTOCOL = GotopProtocol()

__all__ = ["PROTOCOL", "Device", "GotopProtocol"]
