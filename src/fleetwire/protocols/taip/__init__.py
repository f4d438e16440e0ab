"""TAIP (Trimble ASCII Interface Protocol) and the tracker firmwares built on it (DCT Syrus,
Argentine Rinho/Cobox-style units), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: `>` qualifier, two-letter message id, fixed-width data, optional `;TAG=value`
extensions, `;ID=<unit>`, optional `;#<message number>` and `;*<XOR>`, then `<`.
"""

from __future__ import annotations

from .device import Device
from .protocol import TaipProtocol

PROTOCOL = TaipProtocol()

__all__ = ["PROTOCOL", "Device", "TaipProtocol"]
