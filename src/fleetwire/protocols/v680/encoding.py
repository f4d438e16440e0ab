"""V680 commands: none. No command format could be sourced, so nothing is sent."""

from __future__ import annotations

from typing import Final

COMMANDS: Final[frozenset[str]] = frozenset()
