"""TK103 inspect: identity from every frame, the exact AP05 / AP01HSO / AS01<code> replies,
none for positions, strict auto-detection, and the device's error for broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import DecodeContext, Detection, FrameKind, Session, Uplink
from fleetwire.protocols.tk103 import PROTOCOL, Device
from tests.protocols.contract import NOW

from . import vectors as v

CTX = DecodeContext(unique_id="x", received=NOW)


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_documented_replies() -> None:
    assert inspect(v.DOC_LOGIN) == (FrameKind.LOGIN, "013612345678", v.DOC_LOGIN_REPLY)
    assert inspect(v.DOC_HANDSHAKE) == (FrameKind.HEARTBEAT, "013612345678", v.DOC_HANDSHAKE_REPLY)
    assert inspect(v.DOC_ALARM) == (FrameKind.DATA, "013612345678", v.DOC_ALARM_REPLY)


def test_captured_replies() -> None:
    assert inspect(v.LOGIN) == (FrameKind.LOGIN, "088047365460", b"(088047365460AP05)")
    assert inspect(v.ALARM) == (FrameKind.DATA, "013666666666", b"(013666666666AS012)")
    for frame in (v.HANDSHAKE_SHORT, v.HANDSHAKE_LONG):
        kind, uid, ack = inspect(frame)
        assert (kind, ack) == (FrameKind.HEARTBEAT, f"({uid}AP01HSO)".encode())


@pytest.mark.parametrize("frame", [*v.POSITIONS, v.VIN, v.CELLS], ids=lambda f: f[:17].decode())
def test_positions_are_not_answered(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.records) == (FrameKind.DATA, b"", 1)


def test_ids_of_other_widths() -> None:
    assert inspect(v.FEEDBACK_LETTER_ID)[1] == "BALLESTEROS3"
    assert inspect(v.FEEDBACK_SHORT_ID)[1] == "01602009983"


def test_unknown_and_alternative_layouts_are_kept_unanswered() -> None:
    assert inspect(v.UNKNOWN) == (FrameKind.OTHER, "027028258309", b"")
    assert inspect(v.POSITION_G) == (FrameKind.DATA, "357593060760397", b"")
    assert inspect(v.ALTERNATIVE) == (FrameKind.DATA, "352606090042050", b"")


def test_unreadable_headers_are_kept_for_a_later_decoder() -> None:
    """No checksum proves such a frame corrupt: stored (decode then says why), never refused."""
    for frame in (b"(0136BP00HSO)", b"(013612345678BR00\xff\xfe)"):
        assert PROTOCOL.inspect(frame, Session()) == Uplink(FrameKind.OTHER)
        with pytest.raises(InvalidField):
            PROTOCOL.decode(frame, CTX)


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.DOC_HANDSHAKE[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"x" + v.DOC_HANDSHAKE[1:], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"(013612345678BP00(HSO)", Session())


def test_detect_real_first_frames() -> None:
    for frame in (v.DOC_LOGIN, v.DOC_HANDSHAKE, v.LOGIN, v.FEEDBACK_SOUTH, v.HANDSHAKE_SHORT):
        assert PROTOCOL.detect(frame) == Detection.YES, frame
    assert PROTOCOL.detect(Device("013612345678").login()[0]) == Detection.YES
    assert PROTOCOL.detect(v.DOC_LOGIN[:30]) == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"*HQ,4210051415,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF#",
        b"##,imei:359586015829802,A;",
        b"359586015829802;",
        v.ALTERNATIVE,  # not the documented layout
        v.UNKNOWN,  # a command the decoder does not know
        v.POSITION_G,  # not a 12-digit id
        v.FEEDBACK_LETTER_ID,  # not a 12-digit id
        b"(013612345678XX00)",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head


def test_example_id_logs_in_on_the_auto_port() -> None:
    assert PROTOCOL.detect(Device(Device.example_id).login()[0]) == Detection.YES
