"""GT06 (Concox/Jimi IoT and clones), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: shared/protocols.md section 2; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Gt06Protocol

PROTOCOL = Gt06Protocol()

__all__ = ["PROTOCOL", "Device", "Gt06Protocol"]
