"""What every sink and channel implements, and how a failure is told apart: the receiver refused
this message (it would refuse it again: counts toward the dead-letter limit) or could not be
reached (try again later, the backlog waits in order)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from fleetwire.store.outbox import Message


class DeliveryError(Exception):
    def __init__(self, index: int, reason: str, *, refused: bool = False) -> None:
        super().__init__(reason)
        self.index = index  # messages before this one were delivered
        self.reason = reason
        self.refused = refused


class Sink(Protocol):
    async def deliver(self, messages: Sequence[Message]) -> None:
        """Deliver in order, or raise DeliveryError saying how far it got."""
        ...

    async def close(self) -> None: ...
