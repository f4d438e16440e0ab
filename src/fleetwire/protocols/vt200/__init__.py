"""VT200 (Jointech-family vehicle trackers), sans-I/O: exports PROTOCOL and the simulated
Device.

Binary frames `(` + BCD id + type + length + data + XOR + `)`, with `=`-escaping of the frame
markers inside; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Vt200Protocol

PROTOCOL = Vt200Protocol()

__all__ = ["PROTOCOL", "Device", "Vt200Protocol"]
