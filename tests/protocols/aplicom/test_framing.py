"""Aplicom framing: real packets through the shared framer in every shape, the header sizes
the version byte selects, resync behind garbage and after an impossible length."""

from __future__ import annotations

import pytest

from fleetwire.protocols.aplicom import PROTOCOL
from fleetwire.protocols.aplicom.framing import frame_length
from fleetwire.protocols.base import NEED_MORE
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_packets() -> None:
    assert_framing(PROTOCOL, [v.D_V1_NO_SELECTOR, v.D_FINLAND, v.E_TACHO, v.H_HISTOGRAM])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:4].hex())
def test_every_packet_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_header_sizes_follow_the_version_byte() -> None:
    # version 01: 3-byte id, length 0x002b, no selector: 2 + 3 + 2 + 43
    assert frame_length(v.D_V1_NO_SELECTOR) == 50
    # version C2: 7-byte id, length 0x0021, a 3-byte selector outside the length
    assert frame_length(v.D_FINLAND) == 2 + 7 + 2 + 3 + 0x21
    assert frame_length(v.D_FINLAND[:10]) == NEED_MORE  # the length not yet read


def test_several_packets_in_one_read() -> None:
    frames = framer(PROTOCOL).feed(v.D_THREE)
    assert len(frames) == 3 and b"".join(frames) == v.D_THREE


def test_garbage_and_impossible_lengths() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"D") == NEED_MORE
    assert frame_length(b"xyzD\xc2") == -3  # resync at the next possible type letter
    assert frame_length(b"\x00\x01\x02") == -3
    # a 'D' whose length field says 64 KB is no packet: skip it, resync on the next byte
    assert frame_length(b"D\x01\x00\x00\x01\xff\xff") == -1
    assert framer(PROTOCOL).feed(b"D\x01\x00\x00\x01\xff\xff" + v.D_FINLAND) == [v.D_FINLAND]
    # the CAN information block of the reference's first capture is no Aplicom packet: its
    # 'C' is skipped; its 'F' reads as a header (no checksum tells it apart) whose length
    # holds the frames behind it, which is why detect() is strict
    assert frame_length(bytes.fromhex("434946010a0100075253f85f")) == -2
