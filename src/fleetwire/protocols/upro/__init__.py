"""UPRO (the `*HQ20`/`*MG20`/`*VK20`/`*AI20` family of trackers), sans-I/O: exports PROTOCOL and
the simulated Device.

Wire format: `*<maker><20><flag><id>,<type>&<key><value>&...#`, one-letter keyed blocks, some
of them binary; see constants.py for the sources.
"""

from __future__ import annotations

from .device import Device
from .protocol import UproProtocol

PROTOCOL = UproProtocol()

__all__ = ["PROTOCOL", "Device", "UproProtocol"]
