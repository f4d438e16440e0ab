"""H02 (Sinotrack ST-901/ST-906 and "TK" clones), sans-I/O: exports PROTOCOL and the simulated
Device.

Wire format: shared/protocols.md section 4; the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import H02Protocol

PROTOCOL = H02Protocol()

__all__ = ["PROTOCOL", "Device", "H02Protocol"]
