"""Aplicom commands: none. The units take their configuration over SMS and the vendor's own
management link, which no readable document describes; every command is refused as ours.
(TrackerProtocol.encode_command refuses them; nothing here overrides it)."""

from __future__ import annotations

from typing import Final

COMMANDS: Final[frozenset[str]] = frozenset()
