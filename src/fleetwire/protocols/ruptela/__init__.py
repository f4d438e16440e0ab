"""Ruptela (FM-Eco4, FM-Pro4, Trace5, HCV5 ...), sans-I/O: exports PROTOCOL and Device.

Wire format: shared/protocols.md section 8; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import RuptelaProtocol

PROTOCOL = RuptelaProtocol()

__all__ = ["PROTOCOL", "Device", "RuptelaProtocol"]
