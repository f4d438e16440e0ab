"""Wialon IPS 1.1/2.0 (Gurtam's open text protocol), sans-I/O: exports PROTOCOL and Device.

Wire format: shared/protocols.md section 10; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import WialonProtocol

PROTOCOL = WialonProtocol()

__all__ = ["PROTOCOL", "Device", "WialonProtocol"]
