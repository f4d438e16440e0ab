"""Xirgo Technologies text protocol (XT-2000, XT-2060, XT-2150, XT-4860 ...), sans-I/O: exports
PROTOCOL and the simulated Device.

Wire format: the vendor "Communication Specification and Data Format" documents (see
constants.py for the revisions used); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import XirgoProtocol

PROTOCOL = XirgoProtocol()

__all__ = ["PROTOCOL", "Device", "XirgoProtocol"]
