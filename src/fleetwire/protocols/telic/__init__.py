"""Telic (SBC, Picotrack and their successors), sans-I/O: exports PROTOCOL and the simulated
Device.

Wire format: NUL-terminated ASCII messages, some firmware putting a 4-byte length in front; see
constants.py for the sources. The modules here each own one part.
"""

from __future__ import annotations

from .device import Device
from .protocol import TelicProtocol

PROTOCOL = TelicProtocol()

__all__ = ["PROTOCOL", "Device", "TelicProtocol"]
