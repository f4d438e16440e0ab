"""OsmAnd framing: HTTP/1.1 requests on a byte stream through the shared framer in every
shape, keep-alive pipelining, resync behind garbage, and the bodies we refuse to frame."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge, FramingError
from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.osmand import PROTOCOL
from fleetwire.protocols.osmand.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_a_keep_alive_connection() -> None:
    assert_framing(
        PROTOCOL,
        [v.ISO_Z, v.JSON_MOVING, v.FORM, v.OBD, v.POST_QUERY, v.JSON_IOS_MOCK, v.LOCATION],
    )


@pytest.mark.parametrize("frame", v.VALID + v.REFUSED, ids=lambda f: f[:12].decode())
def test_every_request_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    if frame in v.VALID:
        assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_body_length_is_announced_once_the_headers_are_in() -> None:
    head_end = v.JSON_MOVING.index(b"\r\n\r\n") + 4
    assert frame_length(v.JSON_MOVING[:head_end]) == len(v.JSON_MOVING)
    assert frame_length(v.JSON_MOVING[: head_end - 1]) == NEED_MORE
    for part in (b"", b"G", b"GE", b"GET", b"P", b"PO", b"POST", b"PU", b"GET /?id=1"):
        assert frame_length(part) == NEED_MORE


def test_garbage_is_skipped_up_to_a_possible_method() -> None:
    assert frame_length(b"xyzGET / HTTP/1.1\r\n\r\n") == -3
    assert frame_length(b"\r\nPOST /") == -2  # a stray CRLF between requests
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"GEX") == -3  # no G or P after the first byte: all of it
    assert frame_length(b"GET nonsense\r\n\r\n") == -1  # not a request line
    assert frame_length(b"GET / HTTP/2.0\r\n\r\n") == -1
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\xffGARBAGE\r\n" + v.MINIMAL + b"\r\n" + v.FORM) == [v.MINIMAL, v.FORM]


def test_headers_are_case_insensitive_and_get_may_carry_a_body() -> None:
    frame = b"GET /?id=1&lat=1&lon=2 HTTP/1.0\r\ncontent-LENGTH:  3 \r\n\r\nabc"
    assert frame_length(frame) == len(frame)


@pytest.mark.parametrize(
    "header",
    [
        b"Transfer-Encoding: chunked",
        b"Content-Length: -1",
        b"Content-Length: 1e3",
        b"Content-Length: 12345678901",
        b"No colon here",
        b" Folded: header",
    ],
)
def test_bodies_that_cannot_be_delimited_close_the_connection(header: bytes) -> None:
    frame = b"POST / HTTP/1.1\r\nHost: x\r\n" + header + b"\r\n\r\n{}"
    with pytest.raises(FramingError):
        frame_length(frame)
    with pytest.raises(FramingError):
        PROTOCOL.inspect(frame, Session())


def test_contradictory_content_lengths() -> None:
    frame = b"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"
    with pytest.raises(FramingError):
        frame_length(frame)
    same = b"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"
    assert frame_length(same) == len(same)


def test_oversized_requests_are_refused() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"POST / HTTP/1.1\r\nContent-Length: 999999\r\n\r\n")
    with pytest.raises(FrameTooLarge):  # headers that never end
        framer(PROTOCOL).feed(b"GET /?id=1 HTTP/1.1\r\n" + b"X: y\r\n" * 3000)
    assert PROTOCOL.max_frame_size >= 8192
