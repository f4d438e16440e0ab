"""H02 inspect: identity from every frame, exact echoes for V0/HTBT, no reply where the
documents say "respond: no", strict auto-detection, and the device's error for broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.h02 import PROTOCOL, Device

from . import vectors as v


def inspect(frame: bytes, session: Session | None = None) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, session or Session())
    return u.kind, u.unique_id, u.ack


def test_heartbeat_is_echoed_without_its_parameters() -> None:
    expected = b"*HQ,135790246811220,HTBT#"
    assert inspect(v.HTBT) == (FrameKind.HEARTBEAT, "135790246811220", expected)
    assert inspect(v.HTBT_BATTERY) == (FrameKind.HEARTBEAT, "135790246811220", expected)


def test_v0_hello_is_echoed() -> None:
    frame = b"*HQ,135790246811220,V0#"  # as sent by ST-901 firmware (public implementations)
    assert inspect(frame) == (FrameKind.LOGIN, "135790246811220", frame)


@pytest.mark.parametrize(
    "frame",
    [v.V1_WEST, v.V2, v.V5, v.V19, v.VP1_FIX, v.VP1_CELLS, v.NBR, v.DOC_ALRM, v.DOC_V1_CELLS],
)
def test_documented_no_reply_frames(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.records) == (FrameKind.DATA, b"", 1)
    assert u.unique_id == frame.split(b",")[1].decode()


def test_other_kinds() -> None:
    assert inspect(v.DOC_XT) == (FrameKind.HEARTBEAT, "353505910449999", b"")
    assert inspect(v.LINK) == (FrameKind.HEARTBEAT, "1600068860", b"")
    assert inspect(v.V4_S20_DONE) == (FrameKind.REPLY, "2020916012", b"")
    assert inspect(v.EMPTY_TYPE) == (FrameKind.OTHER, "4109198974", b"")
    assert inspect(v.V1_NO_ID) == (FrameKind.DATA, None, b"")  # the session's id applies


def test_binary_identity() -> None:
    assert inspect(v.BIN_32) == (FrameKind.DATA, "4106011660", b"")
    assert inspect(v.BIN_45) == (FrameKind.DATA, "4106000826", b"")
    assert inspect(v.BIN_42_IMEI) == (FrameKind.DATA, "352483084193293", b"")


def test_maker_code_is_kept_for_commands() -> None:
    s = Session()
    PROTOCOL.inspect(v.V1_SHORT_ID_MAKER_TH, s)
    assert s.state["h02.maker"] == "TH"


def test_line_end_is_accepted() -> None:
    assert inspect(v.WITH_CRLF) == (FrameKind.DATA, "2020916012", b"")


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"*HQ,1234567890,V1,", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"*HQ,1,V1#*HQ,2,V1#", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"*HQ,12a4,V1#", Session())  # id not digits
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"*H1,1234,V1#", Session())  # maker not letters
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"*HQ,1234#", Session())  # no type field
    with pytest.raises(InvalidField):
        PROTOCOL.inspect("*HQ,1234,V1,é#".encode(), Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.BIN_32 + b"\x00\x00", Session())  # no record is 34 bytes
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$\x41\x06\x01\x16\x6a" + v.BIN_32[6:], Session())  # id not BCD
    bad_clock = bytearray(v.BIN_32)
    bad_clock[7] = 0x61  # minute 61
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(bytes(bad_clock), Session())


def test_detect_real_first_frames() -> None:
    for frame in (v.V1_WEST, v.HTBT, v.DOC_XT, v.BIN_32, v.BIN_45, Device("4106011660").login()[0]):
        assert PROTOCOL.detect(frame) == Detection.YES, frame
    assert PROTOCOL.detect(v.V1_WEST[:20]) == Detection.MORE
    assert PROTOCOL.detect(v.BIN_32[:20]) == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"imei:359586015829802,tracker,0809231929,,F,112909.397,A,5526.6902,N,#",
        b"(012345678901BP05000012345678901)",
        b"##,imei:359586015829802,A;",
        v.V1_NO_ID,  # no identity
        v.EMPTY_TYPE,  # no message type
        b"*HQ,12345,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF#",  # id
        b"*HQ,4210051415,ZZ9,1#",  # unknown type
        b"$$A128,353358017784062,AAA,35,22.6,114.0,100630060310,A,7,9,0,0,0,0*54\r\n",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head


def test_example_id_logs_in_on_the_auto_port() -> None:
    frame, reply = Device(Device.example_id).login()
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply
