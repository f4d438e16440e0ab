"""Galileosky (GalileoSky 2.x/5.x/7.x, Base Block ...), sans-I/O: exports PROTOCOL and Device.

Wire format: the Galileosky server exchange protocol; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import GalileoProtocol

PROTOCOL = GalileoProtocol()

__all__ = ["PROTOCOL", "Device", "GalileoProtocol"]
