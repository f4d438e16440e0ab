"""Topflytech T880x binary protocol ("T800x": ## %% && '' headers), sans-I/O: exports PROTOCOL
and the simulated Device.

Wire format: Topflytech "PROTOCOL (T8803 Pro T8806)" v5.6 and the vendor's public codec
(TOPFLYtech/TOPFLYtechCodec); the modules here each own one part of it. The topflytech package
reuses them.
"""

from __future__ import annotations

from .device import Device
from .protocol import T800xProtocol

PROTOCOL = T800xProtocol()

__all__ = ["PROTOCOL", "Device", "T800xProtocol"]
