"""Telic commands: none. No document describes the downlink; every command is refused as ours.
(TrackerProtocol.encode_command refuses them; nothing here overrides it)."""

from __future__ import annotations

from typing import Final

COMMANDS: Final[frozenset[str]] = frozenset()
