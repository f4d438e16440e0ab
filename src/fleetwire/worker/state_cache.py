"""Each device's business-logic state kept in the worker between batches, parsed, so that a batch
need not read and parse ~17 KB of JSON per device when the state it wrote last time is still
the one stored.

The store stays the truth: every write of a state carries the stamp of its transaction (a random
63-bit number drawn per batch, store/derived_sql.py), and an entry is used only when the stamp
read from the store now is the one it was cached with. That one comparison covers every way the
entry could be stale without this process knowing:

- its batch's transaction rolled back: the store keeps the stamp before it, not the entry's;
- another writer (``fleetwire replay`` recomputing a device, the worker that owned the partition
  while it was away) wrote the state since: a stamp this process never drew;
- a new process: the cache starts empty;
- a writer from before stamps: a trigger sets the row's stamp to 0, never cached.

An entry is put when its batch is worked out, before the transaction; it is taken out (not
copied) when a batch uses it, since the logic updates the state in place. A batch that fails
half-way therefore leaves no entry of its devices behind, and one whose transaction fails left
an entry whose stamp never reaches the store.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

State = dict[str, Any]


def new_stamp() -> int:
    """A stamp for one transaction's state writes: from the OS's random source (one call per
    batch), so that two writers (processes, hosts, forked children) never draw the same one in
    practice (2^-63 for a given pair); never 0, the stamp of rows written before stamps."""
    return secrets.randbits(63) or 1


class StateCache:
    """device id -> (stamp, state), the least recently put evicted past ``limit`` entries."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[int, tuple[int, State]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def take(self, device_id: int, stamp: int) -> State | None:
        """The device's state if cached with ``stamp`` (the one stored now), removed from the
        cache either way; None when it must be read from the store."""
        entry = self._entries.pop(device_id, None)
        if entry is not None and entry[0] == stamp:
            self.hits += 1
            return entry[1]
        self.misses += 1
        return None

    def put(self, device_id: int, stamp: int, state: State) -> None:
        """``state`` as written with ``stamp``; the caller must not change it afterwards. A
        stamp of 0 is a row written without one (store/derived_sql.py): never cached."""
        if self.limit <= 0 or stamp == 0:
            return
        entries = self._entries
        entries[device_id] = (stamp, state)
        entries.move_to_end(device_id)
        while len(entries) > self.limit:
            entries.popitem(last=False)

    def drop(self, which: Callable[[int], bool] | None = None) -> None:
        """Forget every entry, or those of the devices ``which`` selects (a partition given up:
        its entries could only be used after a stamp check, but they would hold memory)."""
        if which is None:
            self._entries.clear()
            return
        for dev in [d for d in self._entries if which(d)]:
            del self._entries[dev]
