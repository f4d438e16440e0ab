"""Topin (ZhongXun) watches and trackers, sans-I/O: exports PROTOCOL and the simulated Device.

`78 78` frames like GT06's but without serial number or CRC, ended by `0D 0A`, with their own
message set (ZhongXun "Locator Communication Protocol"). The modules here each own one part.
"""

from __future__ import annotations

from .device import Device
from .protocol import TopinProtocol

PROTOCOL = TopinProtocol()

__all__ = ["PROTOCOL", "Device", "TopinProtocol"]
