"""Startek (iStartek VT/PT trackers, `&&…` text frames), sans-I/O: exports PROTOCOL and Device.

Wire format: the iStartek "GPS tracker Communication Protocol"; the modules here each own one
part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import StartekProtocol

PROTOCOL = StartekProtocol()

__all__ = ["PROTOCOL", "Device", "StartekProtocol"]
