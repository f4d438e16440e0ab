"""Checks every protocol's tests share: framing in all its shapes, the record sanity check (the
worker's own, fleetwire.sanity), truncation and corruption giving only the protocol's clean error
(STYLE.md, Tests), and the refusal of protocols without a downlink."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError, FramingError, UnsupportedCommand
from fleetwire.model import Command, Record, RecordKind
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from fleetwire.protocols.framing import Framer
from fleetwire.sanity import ERA_END, insane

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# The receive time fuzz tests check against: a device may send any date 2000-2099, so only
# "not in the future" is relaxed; every other bound is the worker's.
FAR = ERA_END
NUMERIC_ATTRS = {
    "hdop", "vdop", "pdop", "sat", "satVisible", "rssi", "odometer", "power", "battery",
    "batteryLevel", "fuel", "hours", "rpm", "obdSpeed", "deviceTemp",
}  # fmt: skip
BOOL_ATTRS = {"ignition", "motion", "charge", "armed", "blocked", "door"}


def framer(protocol: TrackerProtocol) -> Framer:
    return Framer(protocol.frame_length, protocol.max_frame_size)


GARBAGE = (b"\x00", b"garbage!", bytes(range(0x80, 0x90)))
# for a protocol of plain text lines, printable bytes before a line are the start of that line
CONTROL_GARBAGE = (b"\x00", bytes(range(0x80, 0x90)))


def assert_framing(
    protocol: TrackerProtocol, frames: Sequence[bytes], garbage: Sequence[bytes] = GARBAGE
) -> None:
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
    for junk in garbage:
        fr = framer(protocol)
        got = fr.feed(junk + stream)
        if got != list(frames):  # a garbage start that looks like a header may need resync
            got = got[-len(frames) :]
        assert got == list(frames), junk


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


def assert_clean_on_any(
    protocol: TrackerProtocol, data: bytes, transport: Transport, now: datetime = FAR
) -> None:
    """The fuzz invariant: frame it, inspect it and decode it, each giving a result or the
    protocol's DeviceError, nothing else; and every record decoded is sane (against ``now``,
    by default FAR)."""
    ctx = DecodeContext(unique_id="123456789012345", received=NOW, transport=transport)
    with contextlib.suppress(FramingError):
        framer(protocol).feed(data)
    with contextlib.suppress(DeviceError):
        protocol.inspect(data, Session(transport=transport))
    with contextlib.suppress(DeviceError):
        for r in protocol.decode(data, ctx):
            assert_sane(r, now)


def assert_sane(record: Record, now: datetime = NOW) -> None:
    """The one sanity check the worker applies to every decoded record (fleetwire.sanity),
    against a receive time of ``now``, plus the attribute types of the shared vocabulary."""
    assert isinstance(record, Record), record
    assert isinstance(record.kind, RecordKind)
    why = insane(record, now)
    assert why is None, f"{why.reason}: {record}"
    for key, value in record.attributes.items():
        assert isinstance(key, str) and key
        if isinstance(value, float):
            assert math.isfinite(value), f"{key} = {value}"
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


def assert_refuses_every_command(protocol: TrackerProtocol) -> None:
    """A protocol without a downlink lists no command and refuses each, as our error."""
    assert protocol.commands == frozenset()
    for kind in ("custom", "engineStop", "positionSingle", "rebootDevice"):
        with pytest.raises(UnsupportedCommand):
            protocol.encode_command(Command(kind, {"data": "x"}), Session(unique_id="1"))


__all__ = [
    "CONTROL_GARBAGE",
    "FAR",
    "GARBAGE",
    "NOW",
    "assert_clean_on_any",
    "assert_framing",
    "assert_prefixes_need_more_or_fail",
    "assert_refuses_every_command",
    "assert_sane",
    "decode_sane",
    "framer",
]
