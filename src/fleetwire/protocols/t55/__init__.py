"""T55 text family (GNSS units that forward NMEA sentences after an identification line:
`$PGID`, `$IMEI=`, `$DEVID`, `$GPFID`, an id prefix ...), sans-I/O: exports PROTOCOL and Device.
"""

from __future__ import annotations

from .device import Device
from .protocol import T55Protocol

PROTOCOL = T55Protocol()

__all__ = ["PROTOCOL", "Device", "T55Protocol"]
