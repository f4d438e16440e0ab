"""Session records: a device's connection identified (online) or closed (offline), appended to
the raw log through the committer like a frame, so that the worker derives deviceOnline and
deviceOffline from durable records, in order with the device's frames, on every replay.

Nothing waits for them: no ACK hangs on a session record, and one that is not stored (the raw
log down at that moment) costs only precision, the worker still infers the status from frames.
"""

from __future__ import annotations

from typing import Protocol

from fleetwire.gateway.committer import Pending
from fleetwire.rawlog.base import SESSION


class _Committer(Protocol):
    def submit(self, item: Pending) -> None: ...


class _Nobody:
    """The owner of a session record: nothing to ACK, nothing to count."""

    def settled(self, item: Pending, device_id: int | None, ok: bool) -> None:
        pass


NOBODY = _Nobody()


def submit(committer: _Committer, unique_id: str, device_id: int | None, protocol: str,
           connection: int, peer: str, note: bytes, received_us: int) -> None:  # fmt: skip
    """Append ``note`` (rawlog.base.ONLINE or OFFLINE) for the device; an unknown ``device_id``
    is resolved from ``unique_id`` as the device's frames are."""
    committer.submit(
        Pending(NOBODY, unique_id, device_id, protocol, SESSION, received_us, connection,
                peer, note, b"", b"", 0)
    )  # fmt: skip
