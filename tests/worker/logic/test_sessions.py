"""Device status from the gateway's session records (business-logic.md §8, feature 13): online
when a connection identifies, offline once when it closes, a stale connection's close ignored,
and the frames-only inference still there for devices without records (UDP)."""

from __future__ import annotations

from fleetwire.rawlog.base import OFFLINE, ONLINE
from fleetwire.worker.logic import status
from fleetwire.worker.logic.config import resolve
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import T0, types


def test_online_then_offline_at_the_close() -> None:
    s: dict = {}
    out = Outputs()
    status.session(s, 1, T0, 5, ONLINE, out)
    for i in range(5):
        status.frame(s, 1, T0 + i * 1000, 5, out)
    status.session(s, 1, T0 + 9000, 5, OFFLINE, out)
    assert types(out) == ["deviceOnline", "deviceOffline"]
    assert [e.time for e in out.events] == [T0, T0 + 9000]
    assert s["st"] == "offline"
    # silence after a clean close is not also "unknown"
    assert not status.sweep(s, 1, T0 + 3_600_000, resolve([]), out)


def test_a_stale_connection_closing_after_a_reconnect_changes_nothing() -> None:
    s: dict = {}
    out = Outputs()
    status.session(s, 1, T0, 5, ONLINE, out)
    status.frame(s, 1, T0 + 1000, 5, out)
    status.session(s, 1, T0 + 60_000, 6, ONLINE, out)  # a new connection; 5 is half-open
    status.frame(s, 1, T0 + 61_000, 6, out)
    status.session(s, 1, T0 + 300_000, 5, OFFLINE, out)  # the idle timeout closes 5 at last
    assert types(out) == ["deviceOnline", "deviceOffline", "deviceOnline"]
    assert s["st"] == "online" and s["conn"] == 6


def test_replayed_records_and_repeated_closes_emit_nothing_more() -> None:
    s: dict = {}
    out = Outputs()
    records = [(T0, 5, ONLINE), (T0 + 5000, 5, OFFLINE), (T0 + 9000, 7, ONLINE),
               (T0 + 20_000, 7, OFFLINE)]  # fmt: skip
    for t, c, note in records:
        status.session(s, 1, t, c, note, out)
    first = [e.id for e in out.events]
    for t, c, note in records:  # the same records again (a batch redelivered)
        status.session(s, 1, t, c, note, out)
    assert types(out) == ["deviceOnline", "deviceOffline", "deviceOnline", "deviceOffline"]
    assert [e.id for e in out.events] == first
    again, fresh = Outputs(), {}  # type: ignore[var-annotated]
    for t, c, note in records:  # from scratch (a replay): the same ids
        status.session(fresh, 1, t, c, note, again)
    assert [e.id for e in again.events] == first


def test_http_requests_on_new_connections_are_no_reconnections() -> None:
    """OsmAnd over HTTP opens a connection per request (or per keep-alive period): one
    deviceOnline, no offline/online pair per request."""
    s: dict = {}
    out = Outputs()
    for i in range(5):
        status.frame(s, 1, T0 + i * 60_000, 100 + i, out, switch=False)
    assert types(out) == ["deviceOnline"]
