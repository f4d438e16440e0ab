"""Queclink @Track (GL200/GL300/GL320, GV55/GV300/GV500/GV600, GB100, GMT100), sans-I/O:
exports PROTOCOL and the simulated Device.

Wire format: shared/protocols.md section 6; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Gl200Protocol

PROTOCOL = Gl200Protocol()

__all__ = ["PROTOCOL", "Device", "Gl200Protocol"]
