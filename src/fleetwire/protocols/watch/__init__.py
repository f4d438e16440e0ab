"""Watch protocol (3G/4G kids' and elderly watches, `[SG*id*len*content]`), sans-I/O: exports
PROTOCOL and Device.

Wire format: the Beesure "SeTracker Server Protocol"; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import WatchProtocol

PROTOCOL = WatchProtocol()

__all__ = ["PROTOCOL", "Device", "WatchProtocol"]
