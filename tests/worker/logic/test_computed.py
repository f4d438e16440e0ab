"""Computed attributes (business-logic.md §3.4 and §8 feature 20): the expression language
(JEXL's everyday part, evaluated without Python's eval), early and late ones in the engine, and
the acceptance test: an expression setting `ignition` from `io1` drives the ignition events."""

from __future__ import annotations

from typing import Any

import pytest

from fleetwire.store.logic_registry import ComputedDef, RegistrySnapshot
from fleetwire.worker.logic.contexts import Contexts
from fleetwire.worker.logic.expressions import EvalError, ExpressionError, compile_expression
from tests.worker.logic.track import T0, drive, fix, park, run, types

ENV: dict[str, Any] = {"io1": 1, "io200": 6, "power": 12.6, "fuel": None, "name": "truck"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("io1 == 1", True),
        ("io1 == 1 ? true : false", True),
        ("!(io1 == 0) && power > 12", True),
        ("io1 == 0 || power < 12", False),
        ("io1 == 1 and not (power > 13)", True),
        ("(io200 & 4) != 0", True),
        ("io200 | 1", 7),
        ("io200 ^ 2", 4),
        ("power * 10 + 1", 127.0),
        ("7 / 2", 3),  # whole numbers divide as in Java
        ("-7 / 2", -3),
        ("-7 % 2", -1),
        ("7.0 / 2", 3.5),
        ("0x1F", 31),
        ("round(power / 3, 1)", 4.2),
        ("max(io1, 3, io200)", 6),
        ("abs(-2.5)", 2.5),
        ("fuel + 1", None),  # null in, null out: the attribute is left alone
        ("missing > 3", False),
        ("missing == null", True),
        ("name + '-' + io1", "truck-1"),
        ("'it\\'s' == \"it's\"", True),
        ("io1 ? 'on' : io200 ? 'maybe' : 'off'", "on"),
        ("1 + 2 * 3 == 7 && (1 + 2) * 3 == 9", True),
    ],
)
def test_expressions(text: str, value: Any) -> None:
    assert compile_expression(text)(ENV.get) == value


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("__import__('os')", "unknown function '__import__'"),
        ("__import__('os').system('true')", "unexpected [\"']\\.system"),
        ("position.speed", "unexpected '\\.speed'"),
        ("io1 ==", "unexpected the end"),
        ("(io1 == 1", "expected '\\)'"),
        ("io1 = 1", "unexpected '= 1'"),
        ("io1 ? 1", "expected ':'"),
        ("2 ** 8", "unexpected '\\*'"),  # no power operator: no 9 ** 9 ** 9
        ("(" * 100 + "1" + ")" * 100, "nested too deeply"),
        ("1 + " * 1000 + "1", "longer than"),
    ],
)
def test_what_does_not_read_is_refused_when_defined(text: str, error: str) -> None:
    with pytest.raises(ExpressionError, match=error):
        compile_expression(text)


@pytest.mark.parametrize("text", ["io1 / 0", "name * 3", "name - 1", "io1 < 'a'"])
def test_what_fails_on_the_values_is_an_eval_error(text: str) -> None:
    with pytest.raises(EvalError):
        compile_expression(text)(ENV.get)


def contexts(*defs: ComputedDef, device: set[int] | None = None,
             group: set[int] | None = None) -> Contexts:  # fmt: skip
    snap = RegistrySnapshot(
        device_group={1: 10},
        groups={10: (None, {})},
        computed={d.id: d for d in defs},
        device_computed={1: device if device is not None else {d.id for d in defs}},
        group_computed={10: group or set()},
    )
    return Contexts(None, snap)


def test_ignition_from_io1_drives_the_ignition_events() -> None:
    """§8 feature 20's acceptance test: the device reports its ignition wire as io1 only."""
    ctx = contexts(ComputedDef(1, "ignition", "io1 == 1", "boolean", priority=-1))(1)
    track = park(0, 120, 30, 0, io1=0) + drive(150, 450, 30, 10.0, io1=1)
    track += park(480, 600, 30, 3000, io1=0)
    out, _ = run(track, ctx)
    ign = [(e.type, e.time - T0) for e in out.events if e.type.startswith("ignition")]
    assert ign == [("ignitionOn", 150_000), ("ignitionOff", 480_000)]
    assert track[0].attrs["ignition"] is False and track[5].attrs["ignition"] is True


def test_late_ones_read_what_the_logic_set_and_run_in_priority_order() -> None:
    ctx = contexts(
        ComputedDef(1, "km", "totalDistance / 1000", "number", priority=5),
        ComputedDef(2, "kmLabel", "'km ' + round(km, 1)", "string", priority=6),
        ComputedDef(3, "fast", "speed > 30", "boolean", priority=0),
        ComputedDef(4, "early", "totalDistance", "number", priority=-5),  # not set yet: null
    )(1)
    track = drive(0, 300, 10, 10.0)
    run(track, ctx)
    last = track[-1].attrs
    assert abs(last["km"] - last["totalDistance"] / 1000) < 1e-9 and last["km"] > 2.9
    assert last["kmLabel"] == f"km {round(last['km'], 1)}" and last["fast"] is True
    assert "early" not in last


def test_bad_definitions_are_reported_and_the_others_still_run() -> None:
    c = contexts(
        ComputedDef(1, "ignition", "io1 ==", "boolean", priority=-1),
        ComputedDef(2, "speed", "1", "number"),  # a fixed field: not an attribute
        ComputedDef(3, "x", "1", "float"),
        ComputedDef(4, "door", "(io2 & 1) == 1", "boolean", priority=-1),
    )
    assert len(c.computed_errors) == 3
    track = [fix(0, io2=3), fix(30, io2=2)]
    run(track, c(1))
    assert [f.attrs["door"] for f in track] == [True, False]
    assert all("ignition" not in f.attrs and "x" not in f.attrs for f in track)


def test_group_links_reach_the_device_and_a_failing_value_leaves_it_alone() -> None:
    d = ComputedDef(7, "ratio", "fuel / capacity", "number", priority=-1)
    ctx = contexts(d, device=set(), group={7})(1)
    track = [fix(0, fuel=30, capacity=60), fix(30, fuel=30, capacity=0), fix(60, fuel=20)]
    run(track, ctx)
    assert track[0].attrs["ratio"] == 0  # whole numbers divide as in Java
    assert "ratio" not in track[1].attrs and "ratio" not in track[2].attrs
    assert types(run([fix(0, fuel=1.0, capacity=4)], ctx)[0]) == []
