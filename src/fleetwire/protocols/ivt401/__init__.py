"""iVT401 text protocol (`(TLN,<imei>,...)` reports), sans-I/O: exports PROTOCOL and Device."""

from __future__ import annotations

from .device import Device
from .protocol import Ivt401Protocol

PROTOCOL = Ivt401Protocol()

__all__ = ["PROTOCOL", "Device", "Ivt401Protocol"]
