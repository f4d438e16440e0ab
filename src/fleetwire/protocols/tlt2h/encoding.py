"""TLT-2H commands: none. Devices are configured by SMS (the vendor document's SMS mode); no
GPRS downlink is documented, so every command is refused as ours.
(TrackerProtocol.encode_command refuses them; nothing here overrides it)."""

from __future__ import annotations

from typing import Final

COMMANDS: Final[frozenset[str]] = frozenset()
