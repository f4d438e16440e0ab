"""Eelink (TK115/TK116/TK119, GPT06, GOT08/GOT10 ...), sans-I/O: exports PROTOCOL and Device.

Wire format: EELINK Terminal Communication Protocol (V1.8, the "old" packets 0x02-0x07) and
EELINK Device Protocol V2.0 (packets 0x12-0x16); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import EelinkProtocol

PROTOCOL = EelinkProtocol()

__all__ = ["PROTOCOL", "Device", "EelinkProtocol"]
