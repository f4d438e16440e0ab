"""BOX (BOX Telematics BOX-tracker), sans-I/O: exports PROTOCOL and the simulated Device.
Wire format: comma-separated ASCII lines; see constants.py for the sources."""

from __future__ import annotations

from .device import Device
from .protocol import BoxProtocol

PROTOCOL = BoxProtocol()

__all__ = ["PROTOCOL", "BoxProtocol", "Device"]
