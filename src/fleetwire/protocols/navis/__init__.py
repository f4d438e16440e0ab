"""Navis (KB Navis units) NTCB binary protocol, sans-I/O: exports PROTOCOL and Device.

Wire format: the NTCB transport Navis shares with Navtelecom (`@NTC` header with XOR checksums,
`*>S` login, `*>FLEX` negotiation, FLEX `~A`/`~T`/`~C` messages, reused from the navtelecom
package) plus Navis' own NTCB record messages `*>T` and `*>A` in formats F10-F60. Facts from
traccar/traccar src/main/java/org/traccar/protocol/NavisProtocolDecoder.java and
NavisFrameDecoder.java (read for facts only) and the real frames of NavisProtocolDecoderTest.java.
Port 5019: traccar/traccar src/main/java/org/traccar/config/PortConfigSuffix.java ("navis").
"""

from __future__ import annotations

from .device import Device
from .protocol import NavisProtocol

PROTOCOL = NavisProtocol()

__all__ = ["PROTOCOL", "Device", "NavisProtocol"]
