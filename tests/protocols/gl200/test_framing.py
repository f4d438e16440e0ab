"""@Track framing: real text and binary frames through the shared framer in every shape, the
CR LF some firmwares send after "$", resync on garbage and on a message cut short."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.gl200 import PROTOCOL
from fleetwire.protocols.gl200.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [
            v.DOC_GL300_FRI,
            v.TRACCAR_BIN_EVT,
            v.DOC_GL300_HBD,
            v.TRACCAR_ERI_TEMP,
            v.TRACCAR_BIN_ACK,
            v.TRACCAR_INF,
            v.TRACCAR_BIN_LGN,
            v.TRACCAR_PNA,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_binary_length_is_announced_before_the_rest_arrives() -> None:
    assert frame_length(v.TRACCAR_BIN_RSP[:11]) == len(v.TRACCAR_BIN_RSP) == 93
    assert frame_length(v.TRACCAR_BIN_INF[:9]) == 118
    assert frame_length(v.TRACCAR_BIN_ACK[:7]) == 36
    assert frame_length(v.TRACCAR_BIN_LGN[:8]) == 38


def test_header_needs_more() -> None:
    for part in (b"", b"+", b"+RE", b"+RESP:G", b"+ACK", b"+ACK:", b"\r\n", b"+RSP\x07\x00"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(v.DOC_GL300_FRI[:40]) == NEED_MORE


def test_crlf_after_the_dollar_rides_with_the_next_frame() -> None:
    stream = v.DOC_GL300_FRI + b"\r\n" + v.DOC_GL300_HBD + b"\r\n"
    fr = framer(PROTOCOL)
    assert fr.feed(stream) == [v.DOC_GL300_FRI, b"\r\n" + v.DOC_GL300_HBD]
    assert fr.skipped == 0
    assert fr.buffered == 2  # the last CR LF waits, it delays nothing
    up = PROTOCOL.inspect(b"\r\n" + v.DOC_GL300_HBD, Session())
    assert up.ack == v.DOC_GL300_HBD_SACK


def test_garbage_is_skipped_up_to_the_next_plus() -> None:
    assert frame_length(b"abc+RESP:GT") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"\r\n\r\n\r\n+R") == -6  # more line ends than any firmware sends
    assert frame_length(b"+XYZ:GTFRI,1$") == -13
    assert frame_length(b"+RS") == NEED_MORE  # "+RSP" binary may follow


def test_message_cut_short_by_the_next_one_is_dropped() -> None:
    cut = v.DOC_GL300_FRI[:50]
    assert frame_length(cut + v.DOC_GL300_HBD) == -50
    fr = framer(PROTOCOL)
    assert fr.feed(cut + v.DOC_GL300_HBD) == [v.DOC_GL300_HBD]
    assert frame_length(b"+RESP:GTFRI,1A01\x00\x01$") == -16  # a byte no text message has


def test_binary_length_that_misses_crlf_is_garbage() -> None:
    bad = bytearray(v.TRACCAR_BIN_ACK)
    bad[-1] = 0x00
    assert frame_length(bytes(bad)) < 0
    fr = framer(PROTOCOL)
    assert fr.feed(bytes(bad) + v.DOC_GL300_HBD) == [v.DOC_GL300_HBD]
    assert frame_length(b"+ACK\x01\x7f\x03xx\r\n") < 0  # a length below any frame


def test_unterminated_text_over_the_cap_is_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"+RESP:GTFRI," + b"1," * 3000)
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"+RSP\x07\x00\xfc\x1f\xbf\xff\xff")
