"""MiniFinder Pico/Zepto/Atto older-firmware text protocol (`!1,<imei>;`, `!D,...;`), sans-I/O:
exports PROTOCOL and Device. The binary protocol of the newer firmware is minifinder2.
"""

from __future__ import annotations

from .device import Device
from .protocol import MiniFinderProtocol

PROTOCOL = MiniFinderProtocol()

__all__ = ["PROTOCOL", "Device", "MiniFinderProtocol"]
