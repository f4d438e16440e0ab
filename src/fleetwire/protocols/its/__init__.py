"""ITS: India's AIS-140 vehicle tracking standard and the vendor framings of it devices send
(`$`-prefixed comma-separated text), sans-I/O: exports PROTOCOL and the simulated Device.
"""

from __future__ import annotations

from .device import Device
from .protocol import ItsProtocol

PROTOCOL = ItsProtocol()

__all__ = ["PROTOCOL", "Device", "ItsProtocol"]
