"""CGuard (cGuard, Italon, Agent GPS trackers), sans-I/O: exports PROTOCOL and the simulated
Device. Wire format: colon-separated text lines; see constants.py for the sources."""

from __future__ import annotations

from .device import Device
from .protocol import CguardProtocol

PROTOCOL = CguardProtocol()

__all__ = ["PROTOCOL", "CguardProtocol", "Device"]
