"""Navtelecom (Smart, Signal trackers), NTCB + FLEX, sans-I/O: exports PROTOCOL and Device.

Wire format: the vendor's "Protocol of information exchange" (NTCB transport, FLEX messages);
the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import NavtelecomProtocol

PROTOCOL = NavtelecomProtocol()

__all__ = ["PROTOCOL", "Device", "NavtelecomProtocol"]
