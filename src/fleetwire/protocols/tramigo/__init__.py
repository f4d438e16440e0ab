"""Tramigo (T22, T23, T23 Fleet, T24) GPRS protocol, sans-I/O: exports PROTOCOL and the
simulated Device.

Wire format: binary frames whose first byte names the layout: 0x80, a 20-byte header (length,
unit id, time) carrying the unit's report as the text it would send by SMS; 0x04, a binary
report named by the unit's IMEI, in typed blocks (a report block carries the position).
"""

from __future__ import annotations

from .device import Device
from .protocol import TramigoProtocol

PROTOCOL = TramigoProtocol()

__all__ = ["PROTOCOL", "Device", "TramigoProtocol"]
