"""Mobilogix (MT2000, MT3200) "T message" text protocol, sans-I/O: exports PROTOCOL and the
simulated Device.

Wire format: `[<YYYY-MM-DD hh:mm:ss>,T<n>,<live>,<firmware>,<unit>,<status hex>,<battery>
[,<sats><signal><fix>,<lat>,<lon>,<km/h>,<course>,...]]`; the server answers `[<time>,S<n>]`.
"""

from __future__ import annotations

from .device import Device
from .protocol import MobilogixProtocol

PROTOCOL = MobilogixProtocol()

__all__ = ["PROTOCOL", "Device", "MobilogixProtocol"]
