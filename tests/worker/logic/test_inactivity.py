"""deviceInactive (business-logic.md §1 and §8 feature 13): one event once a device is silent for
`deviceInactivityStart`, one more every `deviceInactivityPeriod`, stamped at the due moment (the
same id whoever sweeps and when), reset by the next frame; off unless configured."""

from __future__ import annotations

from fleetwire.rawlog.base import OFFLINE, ONLINE
from fleetwire.worker.logic import inactivity, status
from fleetwire.worker.logic.config import resolve
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import T0, types

HOUR = 3_600_000
CFG = resolve([{"deviceInactivityStart": HOUR, "deviceInactivityPeriod": HOUR // 2}])  # ms


def test_keys_are_traccars_milliseconds() -> None:
    assert (CFG.inactivity_start, CFG.inactivity_period) == (3600.0, 1800.0)


def test_once_after_start_then_every_period_while_silent() -> None:
    s: dict = {}
    out = Outputs()
    status.frame(s, 1, T0, 5, out)
    out = Outputs()
    for minute in range(1, 181):  # swept every minute for three hours of silence
        inactivity.check(s, 1, T0 + minute * 60_000, CFG, out)
    assert types(out) == ["deviceInactive"] * 5
    assert [e.time - T0 for e in out.events] == [HOUR, 1.5 * HOUR, 2 * HOUR, 2.5 * HOUR, 3 * HOUR]
    assert all(e.attributes["lastUpdate"] == T0 for e in out.events)


def test_a_late_sweep_emits_the_latest_due_one_with_the_same_id() -> None:
    s: dict = {}
    status.frame(s, 1, T0, 5, Outputs())
    every_minute = Outputs()
    for minute in range(1, 181):
        inactivity.check(dict(s), 1, T0 + minute * 60_000, CFG, every_minute)
    late: dict = dict(s)
    once = Outputs()
    assert inactivity.check(late, 1, T0 + 3 * HOUR + 60_000, CFG, once)  # down until then
    assert [e.id for e in once.events] == [every_minute.events[-1].id]
    assert not inactivity.check(late, 1, T0 + 3 * HOUR + 120_000, CFG, once)


def test_a_frame_resets_it_and_it_is_off_by_default() -> None:
    s: dict = {}
    out = Outputs()
    status.frame(s, 1, T0, 5, out)
    assert inactivity.check(s, 1, T0 + HOUR, CFG, out)
    status.frame(s, 1, T0 + HOUR + 1000, 5, out)  # it speaks again
    assert not inactivity.check(s, 1, T0 + 1.5 * HOUR, CFG, out)  # not silent an hour yet
    assert inactivity.check(s, 1, T0 + 2 * HOUR + 1000, CFG, out)
    assert not inactivity.check({"seen": T0}, 1, T0 + 100 * HOUR, resolve([]), Outputs())


def test_after_a_clean_close_it_counts_from_the_last_frame() -> None:
    s: dict = {}
    out = Outputs()
    status.session(s, 1, T0, 5, ONLINE, out)
    status.frame(s, 1, T0 + 1000, 5, out)
    status.session(s, 1, T0 + 600_000, 5, OFFLINE, out)  # the idle timeout closed it later
    assert inactivity.due(T0 + 1000, T0 + HOUR + 1000, CFG) == T0 + HOUR + 1000
    assert inactivity.check(s, 1, T0 + HOUR + 1000, CFG, out)
    assert out.events[-1].time == T0 + HOUR + 1000  # not an hour after the close
