"""The seam between the business logic and the outbox (notifications and forwarding).

The worker calls ``enqueue(tx, items)`` once per batch, inside the batch's store transaction,
with the batch's new positions and events and the derived records a recompute changed or
superseded (flagged). ``tx`` collects SQL statements (``?`` placeholders, portable between
SQLite and PostgreSQL) that the store executes in that same transaction, so outbox rows commit
with the records they are about, or not at all. A worker that delivers installs its outbox
(worker/outbox/enqueue.py) with ``install``; until then ``enqueue`` does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Change = Literal["new", "changed", "superseded"]

# whether items include every stored position (a forwarding sink wants them): building one per
# record costs the worker's hot loop, so the logic leaves them out while nothing consumes them
POSITIONS = False


@dataclass(frozen=True, slots=True)
class OutboxItem:
    kind: Literal["event", "position"]
    id: str  # the event id, or the position id (decimal)
    device_id: int
    time: int  # event time or fix time, ms
    payload: dict[str, Any]  # the event row, or the position's fields (CONTRACT.md units)
    change: Change = "new"
    late: bool = False  # derived from data older than the device's state (a backlog)
    replayed: bool = False  # produced by `fleetwire replay`


class Statements(Protocol):
    def add(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run ``sql`` once per row, in the batch's transaction, after the derived rows."""


@dataclass(slots=True)
class StatementList:
    """The ``tx`` the stores hand to ``enqueue``: statements kept in order."""

    items: list[tuple[str, Sequence[Sequence[Any]]]] = field(default_factory=list)

    def add(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.items.append((sql, rows))


Enqueue = Callable[[Statements, Sequence[OutboxItem]], None]
_installed: Enqueue | None = None


def install(fn: Enqueue | None, *, positions: bool = False) -> None:
    """The outbox this process's worker enqueues to (None: none), and whether it forwards
    positions (then the items include every stored position: ``POSITIONS``)."""
    global _installed, POSITIONS
    _installed = fn
    POSITIONS = positions and fn is not None


def enqueue(tx: Statements, items: Sequence[OutboxItem]) -> None:
    """Queue ``items`` for notification rules and forwarding sinks (outbox owns the tables)."""
    if _installed is not None and items:
        _installed(tx, items)
