"""ERM StarLink trackers, sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: `$SLU<id>,<type>,<index>,<fields>*<sum>` text reports whose fields the operator
chooses on the device (a format of `#TAG#` codes); see constants.py for the sources.
"""

from __future__ import annotations

from .device import Device
from .protocol import StarLinkProtocol

PROTOCOL = StarLinkProtocol()

__all__ = ["PROTOCOL", "Device", "StarLinkProtocol"]
