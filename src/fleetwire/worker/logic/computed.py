"""Computed attributes (Traccar's, business-logic.md §3.4 and §8 feature 20): per device and
group, an attribute set on each position from an expression over the position's attributes and
fields (logic/expressions.py: a small safe language, never Python's eval).

Early ones (priority below 0) run before everything else, so that the filters and every event
see them (`ignition` from `io1` drives ignitionOn/Off); late ones run after distance, motion,
geofences and overspeed, before the attribute events, so that they can read `totalDistance`,
`motion` or `geofenceIds`. Within each, lower priority first (then by id); each sees the ones
before. A result of null leaves the attribute alone, as does an error on a position's values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fleetwire.store.logic_registry import ComputedDef
from fleetwire.worker.logic.expressions import (
    EvalError,
    ExpressionError,
    Lookup,
    compile_expression,
    truthy,
)
from fleetwire.worker.logic.model import Fix

TYPES = ("string", "number", "boolean")
# a position's fixed fields, readable by name (speed in km/h: our model, not Traccar's knots)
FIELDS: dict[str, Callable[[Fix], Any]] = {
    "speed": lambda f: f.speed,
    "altitude": lambda f: f.altitude,
    "latitude": lambda f: f.lat,
    "longitude": lambda f: f.lon,
    "valid": lambda f: f.valid,
    "accuracy": lambda f: f.accuracy,
    "fixTime": lambda f: f.time,
}
Step = tuple[str, Callable[[Lookup], Any], Callable[[Any], Any]]


def _boolean(v: Any) -> bool:
    return truthy(v)


def _number(v: Any) -> int | float:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int | float):
        return v
    try:
        return float(v)
    except (TypeError, ValueError):
        raise EvalError(f"not a number: {v!r}") from None


def _string(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


_CAST: dict[str, Callable[[Any], Any]] = {"boolean": _boolean, "number": _number,
                                          "string": _string}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Computed:
    """A device's computed attributes, compiled, in the order they run."""

    early: tuple[Step, ...] = ()
    late: tuple[Step, ...] = ()

    def run_early(self, fix: Fix) -> None:
        _run(self.early, fix)

    def run_late(self, fix: Fix) -> None:
        _run(self.late, fix)


def _run(steps: tuple[Step, ...], fix: Fix) -> None:
    a = fix.attrs

    def get(name: str) -> Any:
        if name in a:
            return a[name]
        field = FIELDS.get(name)
        return field(fix) if field is not None else None

    for attribute, node, cast in steps:
        try:
            v = node(get)
            if v is not None:
                a[attribute] = cast(v)
        except (EvalError, ArithmeticError):
            continue  # this position's values do not fit the expression: left alone


def compile_one(d: ComputedDef) -> Step:
    """One definition, checked; ExpressionError says why it cannot run."""
    if not d.attribute or d.attribute in FIELDS:
        raise ExpressionError(f"attribute {d.attribute!r}: only position attributes are set")
    if d.type not in TYPES:
        raise ExpressionError(f"type {d.type!r}: one of {', '.join(TYPES)}")
    return (d.attribute, compile_expression(d.expression), _CAST[d.type])


def compile_all(defs: Iterable[ComputedDef]) -> tuple[dict[int, Step], list[str]]:
    """Each definition compiled by id, and the errors of those that cannot be."""
    steps: dict[int, Step] = {}
    errors: list[str] = []
    for d in defs:
        try:
            steps[d.id] = compile_one(d)
        except ExpressionError as e:
            errors.append(f"computed attribute {d.id}: {e}")
    return steps, errors


def assemble(defs: Iterable[ComputedDef], steps: dict[int, Step]) -> Computed | None:
    """The compiled set for a device's definitions (None when it has none that run)."""
    ordered = sorted((d for d in defs if d.id in steps), key=lambda d: (d.priority, d.id))
    if not ordered:
        return None
    early = tuple(steps[d.id] for d in ordered if d.priority < 0)
    late = tuple(steps[d.id] for d in ordered if d.priority >= 0)
    return Computed(early, late)
