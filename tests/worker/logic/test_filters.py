"""Traccar's filters (§3.1), one case per filter, accepted and rejected."""

from __future__ import annotations

import pytest

from fleetwire.worker.logic import engine
from fleetwire.worker.logic.config import KNOT, resolve
from fleetwire.worker.logic.model import Outputs
from tests.worker.logic.track import fix, north


def reasons(keys: dict[str, object], fixes: list) -> list[str | None]:
    state = engine.new_state()
    return engine.run(state, fixes, engine.DeviceContext(resolve([keys])), Outputs())


@pytest.mark.parametrize(
    ("keys", "fixes", "expected"),
    [
        ({}, [fix(0, server_s=0), fix(90_000, server_s=0)], [None, "filter.future"]),
        ({}, [fix(80_000, server_s=0)], [None]),
        ({"filter.future": 0}, [fix(90_000, server_s=0)], [None]),
        ({"filter.invalid": True}, [fix(0, valid=False), fix(1)], ["filter.invalid", None]),
        ({"filter.zero": True}, [fix(0, 0.0, 0.0), fix(1)], ["filter.zero", None]),
        ({"filter.past": 60}, [fix(0, server_s=100), fix(50, server_s=100)],
         ["filter.past", None]),
        ({"filter.static": True}, [fix(0, speed=0), fix(1, speed=3)], ["filter.static", None]),
        ({"filter.approximate": True}, [fix(0, approximate=True), fix(1)],
         ["filter.approximate", None]),
        ({"filter.distance": 50}, [fix(0), fix(10, north(20)), fix(20, north(80))],
         [None, "filter.distance", None]),
        ({"filter.maxSpeed": 200 / KNOT}, [fix(0), fix(10, north(1000)), fix(20, north(300))],
         [None, "filter.maxSpeed", None]),
        ({"filter.minPeriod": 30}, [fix(0), fix(10, north(100)), fix(40, north(200))],
         [None, "filter.minPeriod", None]),
        ({"filter.duplicate": True}, [fix(0, a=1), fix(0, a=1), fix(0, b=1)],
         [None, "filter.duplicate", None]),
        ({"filter.enable": False, "filter.zero": True}, [fix(0, 0.0, 0.0)], [None]),
        ({"filter.static": True, "filter.skipAttributes": "ignition"},
         [fix(0, speed=1, ignition=False), fix(5, speed=0, ignition=True)], [None, None]),
    ],
)  # fmt: skip
def test_filter(keys: dict[str, object], fixes: list, expected: list) -> None:
    assert reasons(keys, fixes) == expected


def test_accuracy() -> None:
    f = fix(0)
    f.accuracy = 500
    assert reasons({"filter.accuracy": 100}, [f, fix(1)]) == ["filter.accuracy", None]


def test_one_list_of_filters_picks_the_path() -> None:
    """Every filter key but the switch and the exemptions is in FLAGS, and any one of them on
    (filter.future off) takes the full check: none can be skipped by the one-test path."""
    from fleetwire.worker.logic import filters
    from fleetwire.worker.logic.config import _KEYS

    keys = {k: field for k, (field, _, _) in _KEYS.items() if k.startswith("filter.")}
    assert set(filters.FLAGS) == set(keys.values()) - {
        "filter_enable", "filter_skip_limit", "filter_skip_attributes"}  # fmt: skip
    for key, field in keys.items():
        if field in filters.FLAGS and field != "filter_future":
            cfg = resolve([{"filter.future": 0, key: 1}])
            assert filters.checker(cfg) is filters.check, key
    assert filters.checker(resolve([{"filter.future": 0}])) is None
    only = filters.checker(resolve([{}]))
    assert only is not None and only is not filters.check
    cfg = resolve([{}])
    for f in (fix(0, server_s=0), fix(86_401, server_s=0), fix(86_400, server_s=0)):
        assert only(f, None, cfg) == filters.check(f, None, cfg)
