"""V680 (`#<IMEI>#...##` trackers), sans-I/O: exports PROTOCOL and the simulated Device. Wire
format: '#'-separated ASCII reports; see constants.py for the sources."""

from __future__ import annotations

from .device import Device
from .protocol import V680Protocol

PROTOCOL = V680Protocol()

__all__ = ["PROTOCOL", "Device", "V680Protocol"]
