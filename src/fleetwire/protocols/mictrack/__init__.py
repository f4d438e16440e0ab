"""Mictrack MT-series text protocols (`MT;<n>;<imei>;<type>;...` reports, `<imei>$<fix>` low
altitude reports, command results), sans-I/O: exports PROTOCOL and the simulated Device.
"""

from __future__ import annotations

from .device import Device
from .protocol import MictrackProtocol

PROTOCOL = MictrackProtocol()

__all__ = ["PROTOCOL", "Device", "MictrackProtocol"]
