"""GPS103 (Coban TK103-2B, GPS-103/303, TK102 text protocol), sans-I/O: exports PROTOCOL and
the simulated Device.

Wire format: shared/protocols.md section 5; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Gps103Protocol

PROTOCOL = Gps103Protocol()

__all__ = ["PROTOCOL", "Device", "Gps103Protocol"]
