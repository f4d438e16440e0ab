"""Topflytech inspect: the IMEI of text messages (not answered) and the T880x replies for binary
frames; strict detect() of the text form only."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, t800x, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.topflytech import PROTOCOL
from tests.protocols.t800x.vectors import ack

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_text_messages_name_their_imei_and_get_no_reply() -> None:
    assert inspect(v.TEXT) == (FrameKind.DATA, "880316890094910", b"")
    assert inspect(v.TEXT_OTHER) == (FrameKind.DATA, "880316890094910", b"")


def test_binary_frames_get_the_t880x_replies() -> None:
    assert inspect(v.BINARY_LOGIN) == (FrameKind.LOGIN, "880316890202968", ack(v.BINARY_LOGIN))
    assert inspect(v.BINARY_LOCATION)[2] == ack(v.BINARY_LOCATION)
    assert inspect(v.BINARY_ALARM)[2] == ack(v.BINARY_ALARM, 0x01)
    assert all(
        PROTOCOL.inspect(f, Session()) == t800x.PROTOCOL.inspect(f, Session())
        for f in (v.BINARY_LOGIN, v.BINARY_LOCATION, v.BINARY_ALARM)
    )


def test_broken_text() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.TEXT[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"(12345)", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"(880316890094910BP00\xff)", Session())
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(b"", Session())


def test_detect_says_yes_to_the_text_form_only() -> None:
    assert PROTOCOL.detect(v.TEXT) == Detection.YES
    assert PROTOCOL.detect(v.TEXT[:20]) == Detection.YES
    for head in (b"", b"(", b"(8803", b"(880316890094910B"):
        assert PROTOCOL.detect(head) == Detection.MORE, head
    for head in (
        v.BINARY_LOGIN,  # the t800x protocol's
        teltonika.Device("356307042441013").login()[0],
        gt06.Device("123456789012345").login()[0],
        b"(12x",
        b"GET /?id=1 HTTP/1.1\r\n",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
    assert t800x.PROTOCOL.detect(v.TEXT) == Detection.NO
