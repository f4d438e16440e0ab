"""Device clocks to UTC: the one place that reads the ``timezone`` decode option.

Many trackers report the time of their own clock, set to local time, and their frames do not say
which zone that is; the operator does, per protocol (``protocols.<name>.timezone``, hours east of
UTC), and the worker passes it to the decoder. A wrong value is fixed by correcting it and
running `fleetwire replay`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from fleetwire.errors import ConfigError, InvalidField
from fleetwire.protocols.base import DecodeContext

MAX_OFFSET_HOURS = 14  # UTC+14 (Line Islands) and UTC-12 are the extremes in use


def device_clock_to_utc(t: datetime, ctx: DecodeContext, default: float = 0.0) -> datetime:
    """``t``, read as the device clock's (a naive-as-UTC datetime), to UTC: shifted back by the
    ``timezone`` option, or by the protocol's own ``default`` when the option is not set."""
    tz = ctx.options.get("timezone", default)
    if not isinstance(tz, int | float) or isinstance(tz, bool) or not abs(tz) <= MAX_OFFSET_HOURS:
        raise ConfigError(f"timezone option must be hours (-14..14), got {tz!r}")
    return t - timedelta(hours=tz) if tz else t


def ddmmyy_hhmmss(ddmmyy: str, hhmmss: str) -> datetime:
    """The date-time of a DDMMYY and an HHMMSS field (years 2000-2099), as naive-as-UTC: what
    the device clock says, for device_clock_to_utc. A field that is not six digits or no
    calendar date is the device's InvalidField."""
    if len(ddmmyy) != 6 or len(hhmmss) != 6 or not (ddmmyy + hhmmss).isdigit():
        raise InvalidField(f"bad date {ddmmyy!r} / time {hhmmss!r}")
    try:
        return datetime(
            2000 + int(ddmmyy[4:]), int(ddmmyy[2:4]), int(ddmmyy[:2]),
            int(hhmmss[:2]), int(hhmmss[2:4]), int(hhmmss[4:]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date {ddmmyy!r} / time {hhmmss!r}") from e


def utc_datetime(parts: Sequence[str], text: str) -> datetime:
    """Year, month, day, hour, minute, second (digit strings, as a regex matched them) as a UTC
    datetime; a date no calendar has is the device's InvalidField, quoting ``text``."""
    try:
        y, mo, d, h, mi, s = (int(p) for p in parts)
        return datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    except ValueError as e:
        raise InvalidField(f"bad date-time {text!r}") from e
