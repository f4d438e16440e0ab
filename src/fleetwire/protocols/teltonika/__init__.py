"""Teltonika (FMB/FMC/FMM/FMT/TAT/GH…): Codec 8, 8E, 16 and GH3000 data, Codec 12/13/14 text.

Exports the registry's two names: PROTOCOL (the sans-I/O protocol) and Device (the simulator).
"""

from __future__ import annotations

from fleetwire.protocols.teltonika.device import Device
from fleetwire.protocols.teltonika.protocol import TeltonikaProtocol

PROTOCOL = TeltonikaProtocol()

__all__ = ["PROTOCOL", "Device", "TeltonikaProtocol"]
