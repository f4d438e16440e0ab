"""ATrack inspect: the unit id of every report and keep-alive, the exact FE 02 acknowledgement
(the keep-alive echoed byte for byte), no reply to command answers, and the device's error
for every broken envelope (CRC-16/ARC, length)."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.atrack import PROTOCOL
from fleetwire.protocols.atrack.framing import build_binary
from fleetwire.protocols.base import Detection, FrameKind, Session

from . import vectors as v


def ack(unit: int, seq: int) -> bytes:
    """FE 02, unit id (8 bytes), sequence id (2 bytes), built by hand."""
    return b"\xfe\x02" + unit.to_bytes(8, "big") + seq.to_bytes(2, "big")


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def test_keepalive_is_echoed() -> None:
    assert inspect(v.KEEPALIVE) == (FrameKind.HEARTBEAT, "352964052096642", v.KEEPALIVE, 0)
    assert ack(352964052096642, 1) == v.KEEPALIVE


@pytest.mark.parametrize(
    ("frame", "unit", "seq"),
    [
        (v.FRAME_ONE, 352964052096642, 0x01E0),
        (v.TWO, 352964052096642, 0x0002),
        (v.TEXT_MESSAGE, 862877033691328, 0x2523),
        (v.NO_FIX, 356363059253700, 0x0007),
        (v.CUSTOM_SMALL, 357543057991638, 0xEB73),
        (v.CUSTOM_13, 1004715, 0x2D86),
        (v.CUSTOM_OBD, 865291043347821, 0x1D29),
        (v.CUSTOM_ZONES, 355803210530067, 0x0003),
        (v.CUSTOM_FULL, 356961075931165, 0x01AF),
        (v.CUSTOM_Z, 356961075931165, 0x0410),
    ],
)
def test_binary_reports_are_acknowledged(frame: bytes, unit: int, seq: int) -> None:
    assert inspect(frame) == (FrameKind.DATA, str(unit), ack(unit, seq), 1)


def test_text_reports_are_acknowledged_with_the_binary_ack() -> None:
    assert inspect(v.TEXT_FULL) == (
        FrameKind.DATA, "356961075931165", ack(356961075931165, 991), 1,
    )  # fmt: skip
    assert inspect(v.TEXT_FIVE) == (
        FrameKind.DATA, "357298070426498", ack(357298070426498, 65221), 5,
    )  # fmt: skip
    assert inspect(v.TEXT_BEACON) == (
        FrameKind.DATA, "863003048505515", ack(863003048505515, 9022), 1,
    )  # fmt: skip


def test_picture_chunk_is_acknowledged() -> None:
    assert inspect(v.IMAGE) == (
        FrameKind.OTHER, "359551037986626", ack(359551037986626, 0x924F), 0,
    )  # fmt: skip


def test_command_replies_get_no_reply() -> None:
    assert inspect(v.REPLY_OK) == (FrameKind.REPLY, None, b"", 1)
    assert inspect(v.REPLY_ERROR) == (FrameKind.REPLY, None, b"", 1)
    assert inspect(v.REPLY_INFO) == (FrameKind.REPLY, "358683066267395", b"", 1)


def test_flipped_crc_is_a_checksum_error() -> None:
    for frame in (v.FRAME_ONE, v.CUSTOM_FULL, v.IMAGE):
        bad = bytearray(frame)
        bad[3] ^= 0x01
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())
    bad_text = v.TEXT_FULL.replace(b"@P,ABF4", b"@P,ABF5")
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(bad_text, Session())
    flipped_body = v.TEXT_FIVE.replace(b"-88510995", b"-88510996")
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(flipped_body, Session())


def test_edited_text_captures_are_refused() -> None:
    for frame in (v.TEXT_EDITED, v.TEXT_EDITED_LENGTH):
        with pytest.raises(FramingError):
            PROTOCOL.inspect(frame, Session())
    fixed_length = v.TEXT_EDITED_LENGTH.replace(b",120,", b",121,")
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(fixed_length, Session())


def test_broken_envelopes() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.FRAME_ONE + b"\x00", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.FRAME_ONE[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"#P" + v.FRAME_ONE[2:], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.KEEPALIVE + b"\x00", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"@P,ABCD,10,x,1,\r\n", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$ok\r\n", Session())


def test_built_frames_pass() -> None:
    frame = build_binary(7, 123456789012345, b"")
    assert inspect(frame) == (FrameKind.DATA, "123456789012345", ack(123456789012345, 7), 1)


def test_detect() -> None:
    for frame in (v.KEEPALIVE, v.FRAME_ONE, v.TEXT_FULL):
        assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.detect(v.FRAME_ONE[:10]) == Detection.MORE
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"GET /?id=1&lat=1&lon=2 HTTP/1.1\r\n\r\n") == Detection.NO
    assert PROTOCOL.detect(v.REPLY_OK) == Detection.NO  # no identity: not a session start
