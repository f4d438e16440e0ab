"""TK103 framing: real frames through the shared framer in every shape, line ends after `)`,
multi-line command answers, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.tk103 import PROTOCOL
from fleetwire.protocols.tk103.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.DOC_LOGIN, v.FEEDBACK_SOUTH, v.DOC_HANDSHAKE, v.ALARM, v.VIN, v.CELLS, v.UNKNOWN],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:17].decode())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_end_and_multi_line_bodies() -> None:
    crlf = v.DOC_HANDSHAKE + b"\r\n"
    assert framer(PROTOCOL).feed(crlf + v.VIN) == [crlf, v.VIN]
    # traccar capture: a command answer whose text spans lines
    answer = b"(864555555555555,ZC03,191117,234207,$1 .Sensor sensitivity: 1\r\n2 .Alert: Off$)"
    assert framer(PROTOCOL).feed(answer + v.VIN) == [answer, v.VIN]


def test_answer_text_may_hold_parentheses() -> None:
    """traccar capture: "minute(s)" inside a ZC03 answer's $...$ text does not end the frame."""
    answer = b"(864555555555555,ZC03,191117,234207,$3 .Check interval is 240 minute(s).$)"
    assert frame_length(answer + v.VIN) == len(answer)
    assert framer(PROTOCOL).feed(answer + v.VIN) == [answer, v.VIN]
    assert_prefixes_need_more_or_fail(PROTOCOL, answer)
    # outside an answer's text a '(' still starts the next frame
    assert frame_length(b"(013612345678BR00(013612345678BP00HSO)") == -17


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"(", b"(0136", b"(013612345678BP0"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"abc(0") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"((013612345678BP00HSO)") == -1  # '(' must be followed by the id
    assert frame_length(b"(0136\x00(0136") == -5  # a control byte: resync there
    assert frame_length(b"(0136(0136") == -5  # a new start inside: the first is junk


def test_unterminated_frame_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"(013612345678BR00" + b"0" * PROTOCOL.max_frame_size)
