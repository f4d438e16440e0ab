"""JT/T 808 (2011/2013/2019; Huabao, Jimi JC, Howen and many dashcams), sans-I/O: exports
PROTOCOL and the simulated Device.

Wire format: shared/protocols.md section 3; the modules here each own one part of it.
Identity: the header's phone number digits without leading zeros (see framing.phone_id).
Device time: GMT+8 by the standard unless the per-device ``timezone`` option (hours) says
otherwise (set 0 for export firmware that sends UTC).
"""

from __future__ import annotations

from .device import Device
from .protocol import Jt808Protocol

PROTOCOL = Jt808Protocol()

__all__ = ["PROTOCOL", "Device", "Jt808Protocol"]
