"""Meitrack (MVT100/340/380/600, T1, T333, T366, P88 ...), sans-I/O: exports PROTOCOL and the
simulated Device.

Wire format: shared/protocols.md section 7; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import MeitrackProtocol

PROTOCOL = MeitrackProtocol()

__all__ = ["PROTOCOL", "Device", "MeitrackProtocol"]
