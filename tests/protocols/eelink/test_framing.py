"""Eelink framing: real packages through the shared framer in every shape, the UDP "EL" header,
resync on the marks, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.eelink import PROTOCOL
from fleetwire.protocols.eelink.framing import build, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_session_of_real_packages_glued() -> None:
    assert_framing(PROTOCOL, v.TCP_STREAM)


def test_all_real_packages_glued() -> None:
    assert framer(PROTOCOL).feed(b"".join(v.VALID)) == v.VALID


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:8].hex())
def test_every_package_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"g", NEED_MORE),
        (b"gg\x03\x00", NEED_MORE),
        (b"gg\x03\x00\x04", 9),
        (b"gg\x03\x00\x01", -1),  # no room for the sequence
        (b"EL\x00", NEED_MORE),
        (b"EL\x00\x27", 0x27 + 4),
        (b"EL\x00\x05", -1),  # no room for checksum, IMEI and a package
        (b"EL\x00\x27" + bytes(10) + b"xx", -1),  # no package behind the IMEI
        (b"ga", -1),
        (b"abcgg", -3),
        (b"abcEL", -3),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_with_a_lone_mark() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"g\x00gE\x01" + v.LOGIN_V2 + v.HEARTBEAT_A) == [v.LOGIN_V2, v.HEARTBEAT_A]


def test_response_is_pid_and_sequence_without_content() -> None:
    # V2.0 5.1: a response has the request's pid and sequence; size 2 (the sequence alone)
    assert build(0x01, 0x007B) == bytes.fromhex("676701000200 7b".replace(" ", ""))
    assert build(0x03, 0x0021) == bytes.fromhex("67670300020021")


def test_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"gg\x12\xff\xf0")
