"""Totem (Totem Tech AT-series; AVL02/AVL-08 share the envelope), sans-I/O: exports PROTOCOL
and the simulated Device.

Wire format: AVL02 User Guide V1.5 section 3 and AVL-08 GPRS Data Protocol v1.0.1 (see
constants.py); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import TotemProtocol

PROTOCOL = TotemProtocol()

__all__ = ["PROTOCOL", "Device", "TotemProtocol"]
