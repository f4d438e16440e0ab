"""Teltonika (FMB/FMC/FMM/FMT/TAT…): Codec 8, 8 Extended and 16 data, Codec 12/13/14 text.

Exports the registry's two names: PROTOCOL (the sans-I/O protocol) and Device (the simulator).
"""

from __future__ import annotations

from fleetwire.protocols.teltonika.device import Device
from fleetwire.protocols.teltonika.protocol import TeltonikaProtocol

PROTOCOL = TeltonikaProtocol()

__all__ = ["PROTOCOL", "Device", "TeltonikaProtocol"]
