"""TK103 (`(<id><command><body>)` text protocol: TK103/TK103B, KX402 and clones), sans-I/O:
exports PROTOCOL and the simulated Device.

Wire format: the vendor "GPS Tracker Communication Protocol" and, in comma.py, the clones'
comma-separated `(<id>,<type>,...)` layout known from captures; the modules here each own one
part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Tk103Protocol

PROTOCOL = Tk103Protocol()

__all__ = ["PROTOCOL", "Device", "Tk103Protocol"]
