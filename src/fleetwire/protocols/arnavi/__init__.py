"""ARNAVI (ARNAVI 4, ARNAVI 5, ARNAVI Integral), sans-I/O: exports PROTOCOL and Device.

Wire format: the ARNAVI binary server exchange protocol (HEADER, PACKAGE of PACKETs of tags,
SERVER_COM confirmations); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import ArnaviProtocol

PROTOCOL = ArnaviProtocol()

__all__ = ["PROTOCOL", "ArnaviProtocol", "Device"]
