"""TLT-2H (UDT-TV-02, UDT-MT-02, V500/V600 and the Mictrack MT500/MT600/MT700/MP90 family),
sans-I/O: exports PROTOCOL and the simulated Device.

Wire format: a `#<imei>#<user>#<password>#<state>#<count>` header line, one `#<cell>$<sentence>`
line per record, and a `##` line; see constants.py for the sources.
"""

from __future__ import annotations

from .device import Device
from .protocol import Tlt2hProtocol

PROTOCOL = Tlt2hProtocol()

__all__ = ["PROTOCOL", "Device", "Tlt2hProtocol"]
