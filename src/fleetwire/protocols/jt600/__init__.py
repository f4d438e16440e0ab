"""Jointech JT600 / JT701 family, sans-I/O: exports PROTOCOL and the simulated Device.

Two framings share one port: binary `$` frames (a BCD unit id, a header with the data length,
GPS records) and text `(...)` messages. The modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Jt600Protocol

PROTOCOL = Jt600Protocol()

__all__ = ["PROTOCOL", "Device", "Jt600Protocol"]
