"""Suntech (ST300, ST340, ST4300, ST600, ST8300, SA200, ST910 …), sans-I/O: exports PROTOCOL
and the simulated Device.

Wire format: shared/protocols.md section 9; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import SuntechProtocol

PROTOCOL = SuntechProtocol()

__all__ = ["PROTOCOL", "Device", "SuntechProtocol"]
