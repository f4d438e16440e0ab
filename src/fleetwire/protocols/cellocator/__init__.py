"""Pointer Cellocator (CR200, CR300, Cello-IQ, Compact Security, CelloTrack), sans-I/O:
exports PROTOCOL and Device.

Wire format: the vendor's "Cellocator Wireless Communication Protocol"; the modules here each
own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import CellocatorProtocol

PROTOCOL = CellocatorProtocol()

__all__ = ["PROTOCOL", "CellocatorProtocol", "Device"]
