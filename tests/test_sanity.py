"""The one record sanity check (fleetwire.sanity): each bound, and the reason naming the field
and its value."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fleetwire.model import Record
from fleetwire.sanity import insane, sane_records

RECEIVED = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def record(**fields: Any) -> Record:
    base: dict[str, Any] = {
        "fix_time": RECEIVED - timedelta(minutes=1), "valid": True, "latitude": 54.6872,
        "longitude": 25.2797, "altitude": 120.0, "speed": 42.0, "course": 90.0, "satellites": 9,
    }  # fmt: skip
    return Record(**(base | fields))


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"latitude": -90.0, "longitude": 180.0},
        {"latitude": None, "longitude": None, "speed": None, "course": None, "altitude": None},
        {"fix_time": datetime(2000, 1, 1, tzinfo=UTC)},
        # a 2019 GPS week-rollover receiver dates a 2026 fix 1024 weeks back: kept
        {"fix_time": RECEIVED - timedelta(weeks=1024)},
        {"fix_time": RECEIVED + timedelta(hours=14)},  # local time sent as UTC
        {"speed": 0, "course": 360.0, "altitude": -420.0, "satellites": 0},
        {"speed": 1852.0, "altitude": 40_000.0, "satellites": 99},
    ],
)
def test_passes(fields: dict[str, Any]) -> None:
    assert insane(record(**fields), RECEIVED) is None


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"latitude": 214.7483647}, "latitude", "latitude 214.7483647 outside [-90, 90]"),
        ({"longitude": -180.5}, "longitude", "longitude -180.5 outside [-180, 180]"),
        ({"longitude": None}, "latitude", "latitude 54.6872 with longitude None"),
        ({"latitude": math.nan}, "latitude", "latitude nan is not a number"),
        ({"speed": math.inf}, "speed", "speed inf is not a number"),
        ({"speed": 603983.0}, "speed", "speed 603983.0 outside [0, 1852]"),
        ({"speed": -1.0}, "speed", "speed -1.0 outside [0, 1852]"),
        ({"course": 512.0}, "course", "course 512.0 outside [0, 360]"),
        ({"altitude": -32768.0}, "altitude", "altitude -32768.0 outside [-1000, 50000]"),
        ({"satellites": 100}, "satellites", "satellites 100 outside [0, 99]"),
        (
            {"fix_time": datetime(1970, 1, 1, tzinfo=UTC)},
            "fix_time",
            "fix time 1970-01-01T00:00:00+00:00 before 2000-01-01",
        ),
        (
            {"fix_time": RECEIVED + timedelta(days=2)},
            "fix_time",
            "fix time 2026-11-28T12:00:00+00:00 over a day after its receipt"
            " 2026-11-26T12:00:00+00:00",
        ),
        (
            {"fix_time": datetime(2026, 1, 1)},
            "fix_time",
            "fix time 2026-01-01T00:00:00 has no time zone",
        ),
    ],
)
def test_fails_naming_field_and_value(fields: dict[str, Any], field: str, reason: str) -> None:
    assert tuple(insane(record(**fields), RECEIVED) or ()) == (field, reason)


def test_sane_records_keeps_the_sane_ones_and_says_which_failed() -> None:
    good, bad = record(), record(course=512.0)
    assert sane_records([good, bad, good], RECEIVED) == (
        [good, good],
        [("course", "record 2 of 3: course 512.0 outside [0, 360]")],
    )
