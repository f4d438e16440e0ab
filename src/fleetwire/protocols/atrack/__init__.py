"""ATrack (AK1/AK7/AX7/AX9/AT5 ...), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: ATrack "AT Series" / "SP" protocol documents (binary and ASCII position formats,
acknowledge/keep-alive message) and the public captures cited in the tests; the modules here
each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import AtrackProtocol

PROTOCOL = AtrackProtocol()

__all__ = ["PROTOCOL", "AtrackProtocol", "Device"]
