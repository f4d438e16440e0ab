"""Xexun framing: basic messages end at the comma after the IMEI, full ones with one line-end
byte; serial prefixes of basic messages and stray line ends are skipped; every shape of the
shared framing check."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.xexun import PROTOCOL
from fleetwire.protocols.xexun.framing import frame_length
from tests.protocols.contract import (
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_messages() -> None:
    assert_framing(
        PROTOCOL,
        [
            v.BASIC_SYDNEY,
            v.FULL_ACC_START,
            v.BASIC_GNRMC,
            v.FULL_NO_FIX,
            v.FULL_ADC,
            v.BASIC_NO_HEMISPHERE,
            v.FULL_KRASNODAR,
        ],
    )


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode())
def test_every_message_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_frame_decoder_captures() -> None:
    # traccar XexunFrameDecoderTest: the serial and phone before "GPRMC" and the bytes after the
    # IMEI are not part of the basic message
    fr = framer(PROTOCOL)
    assert fr.feed(v.FRAME_PREFIXED_BASIC_STREAM) == [v.FRAME_PREFIXED_BASIC]
    assert fr.feed(v.BASIC_SYDNEY) == [v.BASIC_SYDNEY]  # "122I" was skipped
    # a full message ending in LF CR: the LF ends it, the CR is skipped
    stream = v.FRAME_FULL_STREAM
    fr = framer(PROTOCOL)
    assert fr.feed(stream + v.BASIC_MOSCOW) == [stream[:-1], v.BASIC_MOSCOW]
    assert stream[:-1] == v.FULL_FRANCE[:-1] + b"\n"


def test_crlf_between_and_inside_messages() -> None:
    stream = v.FULL_LISBON + b"\n" + b"\r\n" + v.BASIC_MOSCOW + b"\r\n" + v.FULL_GNRMC + b"\n"
    got = framer(PROTOCOL).feed(stream)
    assert got == [v.FULL_LISBON, v.BASIC_MOSCOW, v.FULL_GNRMC]
    # a CR LF inside a basic message (before its IMEI) does not end it
    assert frame_length(v.EDITED_CRLF_INSIDE) == len(v.EDITED_CRLF_INSIDE)


def test_undecided_starts_need_more() -> None:
    for part in (b"", b"G", b"GPRM", b"1710", b"171007160505,,GPRMC,1", b","):
        assert frame_length(part) == NEED_MORE
    head = v.FULL_ACC_START.split(b"imei:")[0] + b"imei:864504031916915,"
    assert frame_length(head) == NEED_MORE  # basic behind a serial, or a full tail to come?
    assert frame_length(head + b"1") == NEED_MORE
    assert frame_length(head + b"10,41.1") == NEED_MORE  # full: waits for its line end


def test_garbage() -> None:
    assert frame_length(b"\r\nGPRMC") == -2
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"GPRSX,") == -1
    assert frame_length(b"123456789012345,") == -1  # 15-digit "serial"
    assert frame_length(b"imei:359586015829802,tracker,0809231929") == -5  # GPS103
    assert frame_length(b"GPRMC,1,imei:12,") == -1  # IMEI too short
    assert frame_length(b"GPRMC," + b"0" * 2000) == -1  # no IMEI within the size cap
