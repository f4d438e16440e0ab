"""Megastek (MT-90, GVT900, GVT800 and their rebrands) text protocol, sans-I/O: exports PROTOCOL
and the simulated Device.

Three line layouts share one port: `$MGV002,<imei>,...;!` (optionally behind a 4-digit length),
`STX,<id>,$GPRMC,...,imei:<imei>,...;XX` (`LOGSTX` for stored ones), and the older
`STX<id>   <2 bytes>$GPRMC,...,<alarm>;XX`.
"""

from __future__ import annotations

from .device import Device
from .protocol import MegastekProtocol

PROTOCOL = MegastekProtocol()

__all__ = ["PROTOCOL", "Device", "MegastekProtocol"]
