"""Ulbotech (T301, T356, T361, T371, T381 OBD-II and vehicle trackers), sans-I/O: exports
PROTOCOL and the simulated Device.

Wire format: F8-delimited, F7-escaped binary frames of data blocks with a CRC-16/XMODEM, and
`*TS01,...#` text frames; see constants.py for the sources. The modules here each own one part.
"""

from __future__ import annotations

from .device import Device
from .protocol import UlbotechProtocol

PROTOCOL = UlbotechProtocol()

__all__ = ["PROTOCOL", "Device", "UlbotechProtocol"]
