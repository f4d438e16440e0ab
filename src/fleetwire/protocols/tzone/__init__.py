"""TZONE (Shenzhen TZONE Digital: TZ-AVL05/08/09/10, TZ-GT08, TZ-VN, TT loggers) binary "TZ"
protocol, sans-I/O: exports PROTOCOL and Device.

Wire format: the vendor's "GPRS data format" chapters (TT11/TT18 user guides, "TT18-4G-M TCP
Data Protocol v1.2"); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import TzoneProtocol

PROTOCOL = TzoneProtocol()

__all__ = ["PROTOCOL", "Device", "TzoneProtocol"]
