"""MiniFinder Pico/Nano/Atto/Zepto (Eview EV-07B family) binary protocol, sans-I/O: exports
PROTOCOL and Device.

Wire format: vendor "EV-07B Protocol v1.2" (overview) and the captures in the tests; the modules
here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import MiniFinder2Protocol

PROTOCOL = MiniFinder2Protocol()

__all__ = ["PROTOCOL", "Device", "MiniFinder2Protocol"]
