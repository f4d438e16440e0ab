"""EGTS (Russia's national telematics standard, GOST 33472/33465, Order 285 of the Ministry of
Transport), sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: little-endian binary packets with a CRC-8 header and a CRC-16 frame data, carrying
service data records of subrecords; see constants.py for the sources. The modules here each
own one part: framing (transport layer), records (service layer), auth and teledata
(subrecords), inspect (identity, replies), decoding, encoding, device.
"""

from __future__ import annotations

from .device import Device
from .protocol import EgtsProtocol

PROTOCOL = EgtsProtocol()

__all__ = ["PROTOCOL", "Device", "EgtsProtocol"]
