"""Castel / Sinocastel OBD trackers (IDD-213G, IDD-218G ...), sans-I/O: exports PROTOCOL, Device.

Wire format: Sinocastel "NEW OBD SMART Communication Protocol" (CB212-C1005) and its
"OBD Smart Communication Samples"; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import CastelProtocol

PROTOCOL = CastelProtocol()

__all__ = ["PROTOCOL", "CastelProtocol", "Device"]
