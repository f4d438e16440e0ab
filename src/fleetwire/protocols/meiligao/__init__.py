"""Meiligao (VT300/VT310/VT400, GT30i/GT60), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: the Meiligao "GPRS Communication Protocol Between GPS Tracker and Server" V2.1; the
modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import MeiligaoProtocol

PROTOCOL = MeiligaoProtocol()

__all__ = ["PROTOCOL", "Device", "MeiligaoProtocol"]
