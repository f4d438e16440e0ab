"""TRV text protocol (`TRV`/`IW`-prefixed lines ended by `#`: GPS watches and personal trackers),
sans-I/O: exports PROTOCOL and the simulated Device.
"""

from __future__ import annotations

from .device import Device
from .protocol import TrvProtocol

PROTOCOL = TrvProtocol()

__all__ = ["PROTOCOL", "Device", "TrvProtocol"]
