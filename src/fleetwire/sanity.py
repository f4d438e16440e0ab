"""The one sanity check every decoded record passes before it is served as a position.

A decoder turns bytes into records; this says whether a record's fixed fields can describe a
real fix at all (coordinates on the globe, a date a GNSS device could have, a speed and height
a GNSS receiver reports, no NaN). Every decode path applies it: the worker and both replays
(worker.pipeline) and ``fleetwire decode``; a record that fails is kept with the reason this
returns, never stored as a position. The protocols' fuzz tests assert that decoders only return
records that pass it (against a receive time far ahead): a decoder reads each field as its
document says and raises InvalidField (``require``) for a value no fix can have, so what
reaches the worker's check is mostly a clock a day or more ahead, and any decoder bug not
yet found. Knows nothing about storage, protocols or clocks (the caller passes the
frame's receive time).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from fleetwire.errors import InvalidField
from fleetwire.model import Record

# The device era. A clock that was never set reads 1970-01-01 (Unix epoch zero) or 1980-01-06
# (GPS epoch zero), and the first GPS week rollover (1999-08-22) sent unset receivers back to
# 1999; nothing before 2000 is a real fix from a device in service today. The floor is not
# later on purpose: a receiver with the 2019 week-rollover bug dates its fixes 1024 weeks
# (19.6 years) back, 2007 for a fix of 2026; such a position is real and is kept (a decoder
# fix and a replay can re-date it), only a date that cannot be a fix at all is refused.
ERA_START = datetime(2000, 1, 1, tzinfo=UTC)
# Where a decoder's dates end, whatever the receive time: 2099 is still a date a device with a
# wrong clock may send, a date past it (a mutated or misread field) is no date a decoder keeps.
ERA_END = datetime(2100, 1, 1, tzinfo=UTC)
# How far past its frame's receive time a fix may be dated. Device clocks are wrong and some
# devices report local time as UTC (up to +14 h), so such a fix is kept (the worker never makes
# it the latest position past ``worker.future_skew``); a day past is not a clock error but a
# value that was never a date.
MAX_AHEAD = timedelta(days=1)
_DECODER_LATEST = ERA_END + MAX_AHEAD
# 1,000 knots: the export-control (COCOM) limit above which a civil GNSS receiver gives no fix.
MAX_SPEED_KMH = 1852.0
# Below the Dead Sea shore (-430 m) with margin for the geoid's offset; above any aircraft and
# the highest weather balloons (about 40 km).
MIN_ALTITUDE_M = -1000.0
MAX_ALTITUDE_M = 50_000.0
# About 130 GNSS satellites orbit in the four global systems and fewer than half are above the
# horizon at once; 99 leaves margin and is what a two-digit NMEA field holds.
MAX_SATELLITES = 99


class Refusal(NamedTuple):
    """Why a record fails: the field (a metric label) and a message naming it and its value."""

    field: str
    reason: str


def _number(name: str, value: float, low: float, high: float) -> Refusal | None:
    if low <= value <= high:  # False for NaN as well
        return None
    if not math.isfinite(value):
        return Refusal(name, f"{name} {value} is not a number")
    return Refusal(name, f"{name} {value!r} outside [{low:g}, {high:g}]")


def insane(record: Record, received: datetime) -> Refusal | None:
    """Why ``record`` cannot be a real fix received at ``received``, or None when it passes."""
    return _refusal(record, received, received + MAX_AHEAD)


def _refusal(record: Record, received: datetime, latest: datetime) -> Refusal | None:
    t = record.fix_time
    lat, lon = record.latitude, record.longitude
    speed, course, alt, sats = record.speed, record.course, record.altitude, record.satellites
    # the common case, a located fix with every field in range, in one expression (this runs
    # two or three times per record on the worker's hot path); anything else takes the long way
    # below, which names the field
    if (
        t.tzinfo is not None
        and ERA_START <= t <= latest
        and lat is not None
        and lon is not None
        and -90.0 <= lat <= 90.0
        and -180.0 <= lon <= 180.0
        and (speed is None or 0.0 <= speed <= MAX_SPEED_KMH)
        and (course is None or 0.0 <= course <= 360.0)
        and (alt is None or MIN_ALTITUDE_M <= alt <= MAX_ALTITUDE_M)
        and (sats is None or (isinstance(sats, int) and 0 <= sats <= MAX_SATELLITES))
    ):
        return None
    if t.tzinfo is None:
        return Refusal("fix_time", f"fix time {t.isoformat()} has no time zone")
    if t < ERA_START:
        return Refusal("fix_time", f"fix time {t.isoformat()} before {ERA_START.date()}")
    if t > latest:
        ahead = f"fix time {t.isoformat()} over a day after its receipt {received.isoformat()}"
        return Refusal("fix_time", ahead)
    if (lat is None) != (lon is None):
        return Refusal("latitude", f"latitude {lat} with longitude {lon}")
    if lat is not None and lon is not None:
        why = _number("latitude", lat, -90.0, 90.0) or _number("longitude", lon, -180.0, 180.0)
        if why:
            return why
    if speed is not None and (why := _number("speed", speed, 0.0, MAX_SPEED_KMH)):
        return why
    if course is not None and (why := _number("course", course, 0.0, 360.0)):
        return why
    if alt is not None and (why := _number("altitude", alt, MIN_ALTITUDE_M, MAX_ALTITUDE_M)):
        return why
    if sats is not None and not (isinstance(sats, int) and 0 <= sats <= MAX_SATELLITES):
        return Refusal("satellites", f"satellites {sats} outside [0, {MAX_SATELLITES}]")
    return None


def require(record: Record) -> Record:
    """For a decoder whose wire fields can hold values no fix can have (a signed 32-bit
    latitude, a 16-bit altitude, a zero timestamp): ``record``, or InvalidField naming the field
    and value (dates are checked against ERA_END, a decoder has no clock). Only after the
    decoder has read each field as its document says: this catches a device's impossible
    values, it does not mend a misread field."""
    why = _refusal(record, ERA_END, _DECODER_LATEST)
    if why is not None:
        raise InvalidField(why.reason)
    return record


def sane_records(
    records: list[Record], received: datetime
) -> tuple[list[Record], list[tuple[str, str]]]:
    """The records that pass the sanity check, and (field, reason) for each one that does not,
    the reason saying which record of the frame it was."""
    sane: list[Record] = []
    refused: list[tuple[str, str]] = []
    latest = received + MAX_AHEAD
    for i, r in enumerate(records, 1):
        why = _refusal(r, received, latest)
        if why is None:
            sane.append(r)
        else:
            refused.append((why.field, f"record {i} of {len(records)}: {why.reason}"))
    return sane, refused
