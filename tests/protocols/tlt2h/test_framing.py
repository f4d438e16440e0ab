"""TLT-2H framing: real messages through the shared framer in every shape, the closing `##`
told from the header's, the optional CR LF, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FrameTooLarge
from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.tlt2h import PROTOCOL
from fleetwire.protocols.tlt2h.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(PROTOCOL, [v.V500, v.EMPTY_USER, v.THREE, v.WIFI, v.MANUAL])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[1:16].decode())
def test_every_message_whole_and_no_prefix_passes(frame: bytes) -> None:
    """No prefix is framed or accepted by inspect (decode takes a message without its `##` as
    whole, see framing.open_text, so only inspect is held to refuse the cut ones)."""
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for cut in range(1, len(frame) - 2):
        assert framer(PROTOCOL).feed(frame[:cut]) == [], cut
        with pytest.raises(DeviceError):
            PROTOCOL.inspect(frame[:cut], Session())


def test_the_header_double_mark_does_not_close() -> None:
    assert frame_length(v.EMPTY_USER[:40]) == NEED_MORE


def test_closing_mark_with_and_without_line_end() -> None:
    crlf = b"\r\n"
    assert frame_length(v.V500 + crlf) == len(v.V500)  # the line end is not the message's
    fr = framer(PROTOCOL)
    assert fr.feed(v.V500 + crlf + v.MANUAL + crlf) == [v.V500, v.MANUAL]
    assert fr.garbage_total == 0  # line ends between messages are no garbage
    assert frame_length(v.THREE) == len(v.THREE)  # `*6E##`: no line break before the mark


def test_garbage() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"abc#123") == -3
    assert frame_length(b"#1234\x00##") == -5
    assert framer(PROTOCOL).feed(b"\r\n" + v.V500) == [v.V500]


def test_unclosed_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"#357671030946351#V500" + b"x" * PROTOCOL.max_frame_size)
