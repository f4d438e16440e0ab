"""CalAmp LMU/TTU devices (LMU-2630, LMU-3030, LMU-4230, TTU-720 ...): the LM Direct protocol.

Exports the registry's two names: PROTOCOL (the sans-I/O protocol) and Device (the simulator).
Wire format: CalAmp "LM Direct Reference Guide" (v8.4.e.3, January 2011, section 2 "Message
Structures" and the message sections); the modules here each own one part of it.
"""

from __future__ import annotations

from .device import Device
from .protocol import CalAmpProtocol

PROTOCOL = CalAmpProtocol()

__all__ = ["PROTOCOL", "CalAmpProtocol", "Device"]
