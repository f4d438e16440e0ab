"""T880x framing: real frames of all four families through the shared framer in every shape,
glued captures, resync behind garbage, lengths that cannot be frames."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.t800x import PROTOCOL
from fleetwire.protocols.t800x.framing import build_frame, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.OLD_LOGIN, v.OLD_HEARTBEAT, v.OLD_LOCATION, v.VEHICLE_LOCATION, v.OBD_LOCATION,
         v.ASSET_LOCATION, v.VEHICLE_COMMAND_REPLY, v.ASSET_NETWORK],
    )  # fmt: skip


def test_a_captured_read_of_two_frames() -> None:
    assert framer(PROTOCOL).feed(v.ASSET_TWO_LOCATIONS) == [v.ASSET_LOCATION_3, v.ASSET_LOCATION_4]


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:7].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_header_needs_more_then_announces_the_length() -> None:
    for part in (b"", b"#", b"##", b"%%\x02", b"''\x02\x00"):
        assert frame_length(part) == NEED_MORE
    assert frame_length(v.OLD_LOCATION[:5]) == len(v.OLD_LOCATION)


def test_garbage_is_skipped_up_to_a_possible_header() -> None:
    assert frame_length(b"abc##") == -3
    assert frame_length(b"xyz") == -3
    assert frame_length(b"#%") == -1  # headers are doubled
    assert frame_length(b"%%\x02\x00\x0e") == -1  # shorter than the envelope
    assert frame_length(b"%%\x02\x20\x00") == -1  # past the cap
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x01#$" + v.OLD_HEARTBEAT + b"%&" + v.OLD_LOGIN) == [
        v.OLD_HEARTBEAT,
        v.OLD_LOGIN,
    ]


def test_built_frames_frame() -> None:
    frame = build_frame(0x25, 0x03, 7, "123456789012345")
    assert frame == bytes.fromhex("252503000f00070123456789012345")
    assert frame_length(frame) == 15
