"""Calendars of notification rules (Traccar's calendars: iCalendar data, RFC 5545): is an event's
time inside one of the calendar's events or their repetitions?

Without an iCalendar library in the environment this reads the subset that calendar editors (the
Traccar web app's among them) write: VEVENTs with DTSTART and DTEND or DURATION (UTC, a TZID
naming an IANA zone, floating = UTC, or whole dates), RRULE with FREQ DAILY, WEEKLY, MONTHLY or
YEARLY, INTERVAL, COUNT, UNTIL, a plain BYDAY list (weekly) and one BYMONTHDAY (monthly), and
EXDATE. Anything else raises CalendarError naming it, so that the loader can say which calendar
it could not read; a full reader (the `icalendar` package) would replace ``parse`` only.

The registry keeps the data as text, as sent: iCalendar text, or Traccar's base64 of it.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["Calendar", "CalendarError", "parse"]

_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RULE_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"}
_DURATION = re.compile(r"^([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_MAX_SPAN_DAYS = 366  # an event longer than a year is refused rather than scanned day by day


class CalendarError(ValueError):
    """Calendar data this reader cannot take, with the reason."""


@dataclass(frozen=True, slots=True)
class _Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: datetime | None = None
    weekdays: frozenset[int] = frozenset()
    monthday: int | None = None


@dataclass(frozen=True, slots=True)
class _Event:
    start: datetime  # aware; the zone of its DTSTART (UTC when floating or a date)
    length: timedelta
    rule: _Rule | None
    excluded: frozenset[datetime]

    def dates(self, since: date) -> Iterator[date]:
        """Occurrence dates (a repetition's local date) from ``since`` on, in order."""
        d0 = self.start.date()
        r = self.rule
        if r is None:
            if d0 >= since:
                yield d0
            return
        d = max(d0, since)
        week0 = d0 - timedelta(days=d0.weekday())
        while True:
            if self._matches(d, d0, week0, r):
                yield d
            d += timedelta(days=1)

    @staticmethod
    def _matches(d: date, d0: date, week0: date, r: _Rule) -> bool:
        if r.freq == "DAILY":
            return (d - d0).days % r.interval == 0
        if r.freq == "WEEKLY":
            days = r.weekdays or frozenset({d0.weekday()})
            return d.weekday() in days and ((d - week0).days // 7) % r.interval == 0
        months = (d.year - d0.year) * 12 + d.month - d0.month
        if r.freq == "MONTHLY":
            return d.day == (r.monthday or d0.day) and months % r.interval == 0
        return (d.month, d.day) == (d0.month, d0.day) and (d.year - d0.year) % r.interval == 0

    def contains(self, t: datetime) -> bool:
        zone = self.start.tzinfo
        local = t.astimezone(zone)
        r = self.rule
        counted = r is not None and r.count is not None
        # an occurrence containing t starts at most its length (and a day of zone shifts)
        # before it; COUNT needs every occurrence from the first one
        since = self.start.date() if counted else (local - self.length - timedelta(days=1)).date()
        for n, d in enumerate(self.dates(since)):
            if d > local.date() or (counted and r is not None and n >= (r.count or 0)):
                return False
            s = datetime.combine(d, self.start.timetz())
            if r is not None and r.until is not None and s > r.until:
                return False
            if s not in self.excluded and s <= t < s + self.length:
                return True
        return False


class Calendar:
    """One calendar: ``contains(ms)`` says whether a UTC time in ms is inside it."""

    def __init__(self, events: list[_Event]) -> None:
        self.events = events

    def __call__(self, t_ms: int) -> bool:
        return self.contains(t_ms)

    def contains(self, t_ms: int) -> bool:
        t = datetime.fromtimestamp(t_ms / 1000, UTC)
        return any(e.contains(t) for e in self.events)


def _text(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    if b"BEGIN:VCALENDAR" not in raw[:200].upper():
        try:
            raw = base64.b64decode(raw, validate=False)
        except (binascii.Error, ValueError):
            raise CalendarError("neither iCalendar text nor base64 of it") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if "BEGIN:VCALENDAR" not in text.upper():
        raise CalendarError("neither iCalendar text nor base64 of it")
    return text


def _lines(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Unfolded content lines as (name, parameters, value)."""
    unfolded: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += line[1:]
        elif line.strip():
            unfolded.append(line)
    out = []
    for line in unfolded:
        head, sep, value = line.partition(":")
        if not sep:
            raise CalendarError(f"not a content line: {line[:60]!r}")
        name, *params = head.split(";")
        p = {}
        for item in params:
            k, _, v = item.partition("=")
            p[k.upper()] = v.strip('"')
        out.append((name.upper(), p, value.strip()))
    return out


def _zone(params: dict[str, str]) -> tzinfo:
    tzid = params.get("TZID")
    if tzid is None:
        return UTC
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(f"time zone {tzid!r} is not an IANA zone name") from None


def _moment(value: str, params: dict[str, str]) -> datetime:
    """A DATE-TIME (UTC with Z, in TZID, or floating: taken as UTC) or a DATE (its midnight)."""
    zone = _zone(params)
    try:
        if params.get("VALUE") == "DATE" or len(value) == 8:
            return datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(), UTC)
        if value.endswith("Z"):
            return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
    except ValueError:
        raise CalendarError(f"not a date or date-time: {value!r}") from None


def _duration(value: str) -> timedelta:
    m = _DURATION.match(value)
    if not m or value in ("P", "PT"):
        raise CalendarError(f"not a duration: {value!r}")
    w, d, h, mi, s = (int(x or 0) for x in m.groups()[1:])
    length = timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=s)
    return -length if m.group(1) == "-" else length


def _rule(value: str) -> _Rule:
    parts = dict(p.partition("=")[::2] for p in value.upper().split(";") if p)
    unknown = parts.keys() - _RULE_PARTS
    if unknown:
        raise CalendarError(f"RRULE part not supported: {', '.join(sorted(unknown))}")
    freq = parts.get("FREQ", "")
    if freq not in _FREQS:
        raise CalendarError(f"RRULE FREQ not supported: {freq!r}")
    weekdays: set[int] = set()
    for day in filter(None, parts.get("BYDAY", "").split(",")):
        if day not in _DAYS or freq != "WEEKLY":
            raise CalendarError(f"RRULE BYDAY={day} not supported with FREQ={freq}")
        weekdays.add(_DAYS[day])
    monthday = parts.get("BYMONTHDAY")
    if monthday is not None and (freq != "MONTHLY" or not monthday.isdigit()):
        raise CalendarError(f"RRULE BYMONTHDAY={monthday} not supported with FREQ={freq}")
    if parts.get("WKST", "MO") != "MO":
        raise CalendarError("RRULE WKST other than MO not supported")
    try:
        interval = int(parts.get("INTERVAL", "1"))
        count = int(parts["COUNT"]) if "COUNT" in parts else None
    except ValueError:
        raise CalendarError(f"RRULE number expected: {value!r}") from None
    if interval < 1:
        raise CalendarError("RRULE INTERVAL must be at least 1")
    until = _moment(parts["UNTIL"], {}) if "UNTIL" in parts else None
    return _Rule(freq, interval, count, until, frozenset(weekdays),
                 int(monthday) if monthday else None)  # fmt: skip


def _event(lines: list[tuple[str, dict[str, str], str]]) -> _Event:
    props = {name: (params, value) for name, params, value in lines}
    if "DTSTART" not in props:
        raise CalendarError("VEVENT without DTSTART")
    for name in ("RDATE", "EXRULE"):
        if name in props:
            raise CalendarError(f"{name} not supported")
    start = _moment(props["DTSTART"][1], props["DTSTART"][0])
    if "DTEND" in props:
        length = _moment(props["DTEND"][1], props["DTEND"][0]) - start
    elif "DURATION" in props:
        length = _duration(props["DURATION"][1])
    else:  # RFC 5545: a date lasts the day, a date-time is an instant
        length = timedelta(days=1) if len(props["DTSTART"][1]) == 8 else timedelta(0)
    if length < timedelta(0) or length > timedelta(days=_MAX_SPAN_DAYS):
        raise CalendarError(f"event length not supported: {length}")
    excluded = frozenset(
        _moment(v, params).astimezone(start.tzinfo)
        for name, params, value in lines
        if name == "EXDATE"
        for v in value.split(",")
    )
    rule = _rule(props["RRULE"][1]) if "RRULE" in props else None
    return _Event(start, length, rule, excluded)


def parse(data: str | bytes) -> Calendar:
    """A calendar from its iCalendar data (text or base64); CalendarError when it cannot."""
    lines = _lines(_text(data))
    events = []
    current: list[tuple[str, dict[str, str], str]] | None = None
    for name, params, value in lines:
        if name == "BEGIN" and value.upper() == "VEVENT":
            current = []
        elif name == "END" and value.upper() == "VEVENT":
            if current is None:
                raise CalendarError("END:VEVENT without BEGIN")
            events.append(_event(current))
            current = None
        elif current is not None:
            current.append((name, params, value))
    if not events:
        raise CalendarError("no VEVENT")
    return Calendar(events)
