"""Topflytech, sans-I/O: exports PROTOCOL and the simulated Device.

The "topflytech" port carries the parenthesised text form of the older units and, from current
models (T8806/T8808/TLD/TLW), the T880x binary protocol, which this package decodes with the
t800x package's modules (one implementation, two ports).
"""

from __future__ import annotations

from .device import Device
from .protocol import TopflytechProtocol

PROTOCOL = TopflytechProtocol()

__all__ = ["PROTOCOL", "Device", "TopflytechProtocol"]
