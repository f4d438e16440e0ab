"""PT502 (Bofan PT502/PT600/PT300X text protocol and its rebrands), sans-I/O: exports PROTOCOL
and the simulated Device.

Wire format: `$<TYPE>,<id>,<hhmmss.sss>,<A|V>,<lat>,<N|S>,<lon>,<E|W>,<knots>,<course>,<ddmmyy>,
,,<mode>/<inputs>,<outputs>/<adc>/<odometer>/<rfid>/<state>/` lines, optionally wrapped in the
vendor's "full frame" (0xBF 0xFB, XOR, length); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import Pt502Protocol

PROTOCOL = Pt502Protocol()

__all__ = ["PROTOCOL", "Device", "Pt502Protocol"]
