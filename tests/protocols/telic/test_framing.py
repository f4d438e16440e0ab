"""Telic framing: real messages through the shared framer in every shape, with and without the
length prefix, a stray NUL, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.telic import PROTOCOL
from fleetwire.protocols.telic.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(PROTOCOL, [v.HELLO, v.PREFIXED_REPORT, v.MIAMI, v.PREFIXED_ANSWER, v.TTUV])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_message_whole_and_no_prefix_framed(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for cut in range(1, len(frame)):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut


@pytest.mark.parametrize("frame", [v.PREFIXED_REPORT, v.PREFIXED_ANSWER])
def test_every_prefix_of_a_length_prefixed_message_is_the_devices_error(frame: bytes) -> None:
    """A plain message ends where its NUL is, and decode takes one without the NUL as whole
    (the reference's decoder test hands them over so; the framer never does): only the length
    prefix lets a cut message be told from a whole one (the NUL alone may be missing)."""
    assert_prefixes_need_more_or_fail(PROTOCOL, frame[:-1])


def test_length_prefix() -> None:
    assert frame_length(v.PREFIXED_REPORT) == 4 + 0x63 + 1
    assert frame_length(v.PREFIXED_REPORT[:3]) == NEED_MORE
    # a prefix whose length does not end on the NUL is no prefix: resync on the next byte
    bad = b"\x05\x00\x00\x00" + v.HELLO
    assert frame_length(bad) == -1
    assert framer(PROTOCOL).feed(bad) == [v.HELLO]


def test_stray_nul_and_garbage() -> None:
    """TelicFrameDecoderTest: a NUL before a message gives nothing, the message follows."""
    assert frame_length(b"\x00" + v.HELLO) == -1
    assert framer(PROTOCOL).feed(b"\x00" + v.HELLO) == [v.HELLO]
    assert frame_length(b"0026\x01abc\x00") == -4
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"0026203393|226") == NEED_MORE


def test_unterminated_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"0026" + b"1" * PROTOCOL.max_frame_size)
