"""OsmAnd / Traccar Client (HTTP), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: shared/protocols.md section 11 and https://www.traccar.org/osmand/; the modules
here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import OsmAndProtocol

PROTOCOL = OsmAndProtocol()

__all__ = ["PROTOCOL", "Device", "OsmAndProtocol"]
