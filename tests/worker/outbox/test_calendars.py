"""Calendars on notification rules (business-logic.md §4 "Calendars", §5 matching, §8 feature
15): iCalendar data read without a library for the subset calendar editors write, Traccar's own
test calendars as vectors, and a rule that notifies only inside its calendar."""

from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path

import pytest

from fleetwire.worker.outbox.calendars import CalendarError, parse
from fleetwire.worker.outbox.loader import build
from fleetwire.worker.outbox.rules import Rule
from tests.worker.outbox.helpers import T0
from tests.worker.outbox.test_rules import Bench, ev, rules

# traccar/traccar src/test/java/org/traccar/calendar/CalendarTest.java, testCalendar (a
# Mozilla-made calendar with its VTIMEZONE): every night 23:00-07:00 in Yekaterinburg
NIGHTS = "\n".join([
    "BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0",
    "BEGIN:VTIMEZONE", "TZID:Asia/Yekaterinburg", "BEGIN:STANDARD", "TZOFFSETFROM:+0500",
    "TZOFFSETTO:+0500", "TZNAME:YEKT", "DTSTART:19700101T000000", "END:STANDARD",
    "END:VTIMEZONE", "BEGIN:VEVENT", "CREATED:20161213T045151Z",
    "LAST-MODIFIED:20161213T045242Z", "DTSTAMP:20161213T045242Z",
    "UID:9d000df0-6354-479d-a407-218dac62c7c9", "SUMMARY:Every night", "RRULE:FREQ=DAILY",
    "DTSTART;TZID=Asia/Yekaterinburg:20161130T230000",
    "DTEND;TZID=Asia/Yekaterinburg:20161201T070000", "TRANSP:OPAQUE", "END:VEVENT",
    "END:VCALENDAR",
])  # fmt: skip

# the same file, testCalendarOverlap: the Traccar web app's shape, a day long, daily
OVERLAP = "\n".join([
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Traccar//NONSGML Traccar//EN", "BEGIN:VEVENT",
    "UID:00000000-0000-0000-0000-000000000000",
    "DTSTART;TZID=America/Los_Angeles:20240420T060000",
    "DTEND;TZID=America/Los_Angeles:20240421T060000", "RRULE:FREQ=DAILY", "SUMMARY:Event",
    "END:VEVENT", "END:VCALENDAR",
])  # fmt: skip


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def vcal(*event_lines: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", *event_lines,
                        "END:VEVENT", "END:VCALENDAR"])  # fmt: skip


def test_traccar_nightly_calendar() -> None:
    c = parse(NIGHTS)
    assert not c(ms("2016-12-13 22:59:59+05:00"))
    assert c(ms("2016-12-13 23:00:01+05:00"))
    assert c(ms("2016-12-13 06:59:59+05:00"))
    assert not c(ms("2016-12-13 07:00:01+05:00"))
    assert not c(ms("2016-11-30 06:00:00+05:00"))  # before the first night


def test_traccar_overlap_calendar_as_the_web_app_sends_it_in_base64() -> None:
    c = parse(base64.b64encode(OVERLAP.encode()).decode())
    assert not c(ms("2014-05-13 07:00:00-07:00"))
    for hour in ("05", "07", "08"):
        assert c(ms(f"2024-05-13 {hour}:00:00-07:00"))


def test_working_hours_on_weekdays_across_daylight_saving() -> None:
    c = parse(vcal("DTSTART;TZID=Europe/Vilnius:20260105T080000",
                   "DTEND;TZID=Europe/Vilnius:20260105T180000",
                   "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"))  # fmt: skip
    assert c(ms("2026-01-12 09:00:00+02:00"))  # a Monday in winter
    assert c(ms("2026-07-13 09:00:00+03:00"))  # a Monday in summer: still 09:00 local
    assert not c(ms("2026-07-13 07:30:00+03:00"))
    assert not c(ms("2026-07-11 09:00:00+03:00"))  # Saturday
    assert not c(ms("2026-01-12 18:00:00+02:00"))  # the end is outside


def test_interval_count_until_exdate_and_monthly() -> None:
    fortnightly = parse(vcal("DTSTART:20260105T000000Z", "DURATION:P1D",
                             "RRULE:FREQ=WEEKLY;INTERVAL=2"))  # fmt: skip
    assert fortnightly(ms("2026-01-19 12:00:00+00:00"))
    assert not fortnightly(ms("2026-01-12 12:00:00+00:00"))
    three = parse(vcal("DTSTART:20260101T100000Z", "DTEND:20260101T110000Z",
                       "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260102T100000Z"))  # fmt: skip
    assert three(ms("2026-01-01 10:30:00+00:00")) and three(ms("2026-01-03 10:30:00+00:00"))
    assert not three(ms("2026-01-02 10:30:00+00:00"))  # excluded
    assert not three(ms("2026-01-04 10:30:00+00:00"))  # past the count
    until = parse(vcal("DTSTART:20260101T100000Z", "DTEND:20260101T110000Z",
                       "RRULE:FREQ=DAILY;UNTIL=20260110T100000Z"))  # fmt: skip
    assert until(ms("2026-01-10 10:30:00+00:00")) and not until(ms("2026-01-11 10:30:00+00:00"))
    payday = parse(vcal("DTSTART;VALUE=DATE:20260115", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15"))
    assert payday(ms("2026-03-15 23:00:00+00:00")) and not payday(ms("2026-03-16 01:00:00+00:00"))
    once = parse(vcal("DTSTART:20260301T080000Z", "DTEND:20260301T090000Z"))
    assert once(ms("2026-03-01 08:59:00+00:00")) and not once(ms("2026-03-02 08:30:00+00:00"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (vcal("DTSTART:20260101T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=1MO"), "BYDAY=1MO"),
        (vcal("DTSTART:20260101T100000Z", "RRULE:FREQ=DAILY;BYSETPOS=1"), "BYSETPOS"),
        (vcal("DTSTART;TZID=Mars/Olympus:20260101T100000"), "Mars/Olympus"),
        (vcal("DTEND:20260101T100000Z"), "without DTSTART"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR", "no VEVENT"),
        ("!!! not a calendar", "neither iCalendar"),
    ],
)
def test_what_it_cannot_read_is_an_error_naming_it(data: str, reason: str) -> None:
    with pytest.raises(CalendarError, match=reason):
        parse(data)


def test_rule_notifies_only_inside_its_calendar(data_dir: Path) -> None:
    office = vcal("DTSTART:20260105T080000Z", "DTEND:20260105T160000Z",
                  "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")  # fmt: skip
    loaded = build({
        "rules": [(1, "ignitionOn", 0, "web", 7, None)], "user_rule": [], "device_rule": [],
        "group_rule": [], "user_device": [], "user_group": [], "device_group": [],
        "group_parent": [], "users": [], "calendars": [(7, office), (8, "garbage")],
    })  # fmt: skip
    assert set(loaded.calendars) == {7}  # the unreadable one is left out (logged)
    rs = rules(Rule(1, "ignitionOn", ("web",), calendar_id=7))
    rs.calendars = loaded.calendars
    b = Bench(data_dir, rs)
    monday_9 = ms("2026-01-12 09:00:00+00:00")
    saturday_9 = ms("2026-01-17 09:00:00+00:00")
    b.events(ev("in", "ignitionOn", (monday_9 - T0) / 1000),
             ev("out", "ignitionOn", (saturday_9 - T0) / 1000))  # fmt: skip
    assert [r for r, *_ in b.rows()] == ["in"]
