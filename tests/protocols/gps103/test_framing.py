"""GPS103 framing: real messages through the shared framer in every shape, line ends after the
terminator, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.gps103 import PROTOCOL
from fleetwire.protocols.gps103.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(
        PROTOCOL,
        [v.DOC_LOGON, v.DOC_HEARTBEAT, v.TRACKER_LT, v.DOC_SOS_NO_GPS, v.OBD, v.DOC_HEARTBEAT],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:30].decode())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_ends() -> None:
    crlf = v.TRACKER_LT + b"\r\n"
    assert frame_length(crlf) == len(crlf)
    assert framer(PROTOCOL).feed(crlf + v.DOC_HEARTBEAT) == [crlf, v.DOC_HEARTBEAT]
    line = v.TRACKER_LT[:-1] + b"\r\n"  # some firmware ends lines instead of using ';'
    assert framer(PROTOCOL).feed(line + v.DOC_HEARTBEAT) == [line, v.DOC_HEARTBEAT]
    fr = framer(PROTOCOL)  # CR/LF in a later read: skipped, the messages are unharmed
    assert fr.feed(v.TRACKER_LT) == [v.TRACKER_LT]
    assert fr.feed(b"\r\n" + v.DOC_HEARTBEAT) == [v.DOC_HEARTBEAT]


def test_needs_more_and_garbage() -> None:
    for part in (b"", b"#", b"##", b"##,im", b"i", b"imei", b"imei:35", b"359586015829802"):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"xyz##,imei:") == -3
    assert frame_length(b"xyzimei:") == -3
    assert frame_length(b"junk;imei:") == -5  # up to and with a terminator
    assert frame_length(b"hello") == -5
    assert frame_length(b"imei:1\x00;") == -6  # a control byte: resync there
    assert frame_length(b"359769031878322imei:3597;") == 25  # a heartbeat glued to a report
    assert frame_length(b"359769031878322imei:3597") == NEED_MORE
    assert frame_length(b"359769031878322ime") == NEED_MORE
    assert frame_length(b"359769031878322imei:3\x00;") == -15  # the report is garbage
    assert frame_length(b"1" * 18) == -18  # longer than any IMEI


def test_heartbeat_glued_to_a_report_is_one_frame() -> None:
    # traccar capture: a heartbeat without its ';' in front of a report; both get their due
    assert framer(PROTOCOL).feed(v.GLUED + v.TRACKER_LT) == [v.GLUED, v.TRACKER_LT]


def test_star_ends_the_alternative_firmware_messages() -> None:
    stream = v.ALT_LOGON + v.ALT_REPORT + b"\r\n" + v.TRACKER_LT
    assert framer(PROTOCOL).feed(stream) == [v.ALT_LOGON, v.ALT_REPORT + b"\r\n", v.TRACKER_LT]


def test_unterminated_message_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"imei:359586015829802,vr," + b"0" * PROTOCOL.max_frame_size)
