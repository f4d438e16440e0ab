"""Fifotrack (A100, A300, A500, A600, Q1, Q2, Q3, S20, S50 ...), sans-I/O: exports PROTOCOL and
the simulated Device.

Wire format: the vendor's "FIFOTRACK GPRS PROTOCOL / COMMAND LIST" documents (A300/A500 V1.5,
Q3 V1.6, S50 V1.1), section 1 "GPRS Command Format"; each module here owns one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import FifotrackProtocol

PROTOCOL = FifotrackProtocol()

__all__ = ["PROTOCOL", "Device", "FifotrackProtocol"]
