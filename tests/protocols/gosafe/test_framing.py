"""GoSafe framing: real messages through the shared framer in every shape, resync behind
garbage and after a message cut before its '#', and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.gosafe import PROTOCOL
from fleetwire.protocols.gosafe.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(
        PROTOCOL,
        [v.GS16_HEARTBEAT, v.G79_RAW_1, v.G79_RAW_2, v.G3C_EVENT, v.GS02_LEGACY, v.RST_ANSWER],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:40].decode())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"*", b"*G", b"*GS", b"*GS16,3515", v.G79_RAW_1[:-1]):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz*GS16") == -3
    assert frame_length(b"hello") == -5
    assert frame_length(b"*HQ,123#") == -8  # another protocol's start: skipped whole
    assert frame_length(b"*GS16,12\x00#") == -8  # a control byte: resync there
    assert frame_length(b"\xf8\x06\x01\x01*GS") == -4  # binary form: not framed here


def test_message_cut_before_its_end_is_skipped() -> None:
    cut = v.G79_RAW_1[:60]
    assert frame_length(cut + v.G79_RAW_2) == -60
    assert framer(PROTOCOL).feed(cut + v.G79_RAW_2) == [v.G79_RAW_2]


def test_line_ends_between_messages_are_skipped() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(v.G79_RAW_1 + b"\r\n" + v.G79_RAW_2) == [v.G79_RAW_1, v.G79_RAW_2]
    assert fr.skipped == 0


def test_unterminated_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"*GS16,351535058709775," + b"0" * PROTOCOL.max_frame_size)
