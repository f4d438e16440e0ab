"""Checks every protocol's tests share: framing in all its shapes, the record sanity check,
truncation and corruption giving only the protocol's clean error (STYLE.md, Tests)."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from fleetwire.errors import DeviceError, FramingError
from fleetwire.model import Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
NUMERIC_ATTRS = {
    "hdop", "vdop", "pdop", "sat", "satVisible", "rssi", "odometer", "power", "battery",
    "batteryLevel", "fuel", "hours", "rpm", "obdSpeed", "deviceTemp",
}  # fmt: skip
BOOL_ATTRS = {"ignition", "motion", "charge", "armed", "blocked", "door"}


def framer(protocol: TrackerProtocol) -> Framer:
    return Framer(protocol.frame_length, protocol.max_frame_size)


def assert_framing(protocol: TrackerProtocol, frames: Sequence[bytes]) -> None:
    """Every frame whole, byte by byte, all glued, behind garbage; every cut point."""
    stream = b"".join(frames)
    # whole, one read each
    for f in frames:
        assert framer(protocol).feed(f) == [f]
    # glued in one read
    assert framer(protocol).feed(stream) == list(frames)
    # byte by byte
    fr = framer(protocol)
    out: list[bytes] = []
    for i in range(len(stream)):
        out += fr.feed(stream[i : i + 1])
    assert out == list(frames)
    # cut at every length: two reads
    for cut in range(1, len(stream)):
        fr = framer(protocol)
        assert fr.feed(stream[:cut]) + fr.feed(stream[cut:]) == list(frames), cut
    # behind garbage: the frames still come out, the garbage is counted
    for garbage in (b"\x00", b"garbage!", bytes(range(0x80, 0x90))):
        fr = framer(protocol)
        got = fr.feed(garbage + stream)
        if got != list(frames):  # a garbage start that looks like a header may need resync
            got = got[-len(frames) :]
        assert got == list(frames), garbage


def assert_prefixes_need_more_or_fail(protocol: TrackerProtocol, frame: bytes) -> None:
    """Every strict prefix of a frame gives no frame from the framer and the protocol's
    DeviceError from inspect and from decode; never another exception, never a result."""
    ctx = DecodeContext(unique_id="123456789012345", received=NOW)
    for cut in range(1, len(frame)):
        part = frame[:cut]
        with contextlib.suppress(FramingError):
            assert framer(protocol).feed(part) == [], cut
        with pytest.raises(DeviceError):
            protocol.inspect(part, Session())
        with pytest.raises(DeviceError):
            protocol.decode(part, ctx)


def assert_clean_on_any(protocol: TrackerProtocol, data: bytes, transport: Transport) -> None:
    """The fuzz invariant: parse it or raise the protocol's DeviceError, nothing else."""
    ctx = DecodeContext(unique_id="123456789012345", received=NOW, transport=transport)
    with contextlib.suppress(FramingError):
        framer(protocol).feed(data)
    with contextlib.suppress(DeviceError):
        protocol.inspect(data, Session(transport=transport))
    with contextlib.suppress(DeviceError):
        for r in protocol.decode(data, ctx):
            assert isinstance(r, Record)


def assert_sane(record: Record, now: datetime = NOW) -> None:
    """The one sanity check applied to every decoded record."""
    assert record.fix_time.tzinfo is not None
    assert datetime(1999, 1, 1, tzinfo=UTC) < record.fix_time < now + timedelta(days=1)
    assert isinstance(record.kind, RecordKind)
    if record.latitude is not None or record.longitude is not None:
        assert record.latitude is not None and record.longitude is not None
        assert -90 <= record.latitude <= 90
        assert -180 <= record.longitude <= 180
    if record.speed is not None:
        assert 0 <= record.speed < 1000 and not math.isnan(record.speed)
    if record.course is not None:
        assert 0 <= record.course <= 360
    if record.satellites is not None:
        assert 0 <= record.satellites < 100
    for key, value in record.attributes.items():
        assert isinstance(key, str) and key
        if key in NUMERIC_ATTRS:
            assert isinstance(value, int | float) and not isinstance(value, bool), key
        if key in BOOL_ATTRS:
            assert isinstance(value, bool), key
        if key == "alarm":
            assert isinstance(value, str) and value, value


def decode_sane(protocol: TrackerProtocol, frame: bytes, ctx: DecodeContext) -> list[Record]:
    records = protocol.decode(frame, ctx)
    for r in records:
        assert_sane(r)
    return records


__all__ = [
    "NOW",
    "assert_clean_on_any",
    "assert_framing",
    "assert_prefixes_need_more_or_fail",
    "assert_sane",
    "decode_sane",
    "framer",
]
