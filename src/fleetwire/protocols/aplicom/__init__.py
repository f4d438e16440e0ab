"""Aplicom (A1, A9, A11 and the TC65-based units), sans-I/O: exports PROTOCOL and the simulated
Device.

Wire format: binary packets `<type><version><unit id><length>[<selector>]<data>` of the D (GPS
and vehicle data), E (tachograph), F (CAN) and H (histogram) protocols; see constants.py for the
sources. The modules here each own one part.
"""

from __future__ import annotations

from .device import Device
from .protocol import AplicomProtocol

PROTOCOL = AplicomProtocol()

__all__ = ["PROTOCOL", "AplicomProtocol", "Device"]
