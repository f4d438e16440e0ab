"""JT/T 808 field blocks shared by several message decoders: the BCD device time, fixed-size
text fields, and the status record of a message that carries no position. Knows nothing about
message ids."""

from __future__ import annotations

from datetime import UTC, datetime

from fleetwire.errors import InvalidField
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import bcd
from fleetwire.protocols._time import device_clock_to_utc
from fleetwire.protocols.base import DecodeContext

from .constants import DEFAULT_TIMEZONE_HOURS


def device_time(raw: bytes, ctx: DecodeContext) -> datetime:
    """BCD YYMMDDhhmmss in the device's zone: GMT+8 by the standard, the ``timezone`` option
    (hours) when set. All zeros (no clock yet): the receive time stands in."""
    if not any(raw):
        return ctx.received
    d = bcd(raw)
    try:
        t = datetime(
            2000 + int(d[0:2]), int(d[2:4]), int(d[4:6]),
            int(d[6:8]), int(d[8:10]), int(d[10:12]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError as e:
        raise InvalidField(f"bad date-time {raw.hex()}") from e
    return device_clock_to_utc(t, ctx, DEFAULT_TIMEZONE_HOURS)


def valid_time(raw: bytes) -> bool:
    """Whether six bytes read as a BCD date-time (used where a vendor block may end in one)."""
    d = raw.hex()
    if not d.isdigit():
        return False
    month, day, hour, minute, second = (int(d[i : i + 2]) for i in range(2, 12, 2))
    return 1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 60


def text(raw: bytes, codec: str = "ascii") -> str:
    """A text field without its zero padding; "" when it holds binary instead."""
    value = raw.decode(codec, "replace").replace("\x00", "").strip()
    return value if value.isprintable() and "\ufffd" not in value else ""


def lines(raw: bytes) -> str:
    """Free text a device sends (answers, vendor strings): CR/LF kept, zero padding dropped;
    "" when it is not text."""
    value = raw.decode("gbk", "replace").rstrip("\x00")
    if "\ufffd" in value or not value.replace("\r", "").replace("\n", "").isprintable():
        return ""
    return value


def status_record(ctx: DecodeContext, attrs: Attributes) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]
