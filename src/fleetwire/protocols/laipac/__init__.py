"""Laipac (S911 Lola, S911 Bracelet, Personal Locator and relatives) NMEA-style text protocol,
sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: `$<TYPE>,<unit id>,...*<XOR>\\r\\n` lines; `$AVRMC` reports, `$AVSYS`/`$EAVSYS`
system information and `$ECHK` keep-alives.
"""

from __future__ import annotations

from .device import Device
from .protocol import LaipacProtocol

PROTOCOL = LaipacProtocol()

__all__ = ["PROTOCOL", "Device", "LaipacProtocol"]
