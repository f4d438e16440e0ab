"""WondeX (Wonde Proud VT10, VT300 and their rebrands) protocol, sans-I/O: exports PROTOCOL and
the simulated Device.

Wire format: comma-separated text reports `<unit>,<YYYYMMDDhhmmss>,<lon>,<lat>,...` ended by
CR LF, `$OK:`/`$ERR:` command answers, and an 8-byte binary heartbeat (0xD0 ... unit id).
"""

from __future__ import annotations

from .device import Device
from .protocol import WondexProtocol

PROTOCOL = WondexProtocol()

__all__ = ["PROTOCOL", "Device", "WondexProtocol"]
