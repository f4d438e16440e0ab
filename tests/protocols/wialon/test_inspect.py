"""Wialon IPS inspect: identity from the login (both versions) and the UDP prefix, the exact
answers of every packet type, and refusal of frames whose v2.0 CRC does not match."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Transport
from fleetwire.protocols.wialon import PROTOCOL
from fleetwire.protocols.wialon.framing import ChecksumNack

from . import vectors as v

UDP = Session(transport=Transport.UDP)


def inspect(frame: bytes, session: Session | None = None) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, session or Session())
    return u.kind, u.unique_id, u.ack


def test_logins_of_both_versions() -> None:
    s = Session()
    up = PROTOCOL.inspect(v.LOGIN_V2, s)
    assert (up.kind, up.unique_id, up.ack, up.reject) == (
        FrameKind.LOGIN, "865905020722118", b"#AL#1\r\n", b"#AL#0\r\n",
    )  # fmt: skip
    assert s.state["wialon.version"] == "2.0"
    s = Session()
    assert inspect(v.LOGIN_V1, s) == (FrameKind.LOGIN, "123456789012345", b"#AL#1\r\n")
    assert s.state["wialon.version"] == "1.1"
    assert inspect(v.LOGIN_V1_NA)[1] == "2002"


def test_login_with_a_bad_crc_is_refused_with_the_checksum_answer() -> None:
    with pytest.raises(ChecksumNack) as e:
        PROTOCOL.inspect(v.LOGIN_V2_BAD_CRC, Session())
    assert e.value.reply == b"#AL#10\r\n"


@pytest.mark.parametrize(
    ("frame", "ack", "records"),
    [
        (v.SD_V1, b"#ASD#1\r\n", 1),
        (v.SD_V2, b"#ASD#1\r\n", 1),
        (v.D_V2_CAN, b"#AD#1\r\n", 1),
        (v.D_V1_CAN, b"#AD#1\r\n", 1),
        (v.D_V2_NA_TIME, b"#AD#1\r\n", 1),
        (v.B_V1_TWO, b"#AB#2\r\n", 2),
        (v.B_V1_ONE, b"#AB#1\r\n", 1),
        (v.B_V2, b"#AB#2\r\n", 2),
        (v.M_V1, b"#AM#1\r\n", 1),
        (v.M_V2, b"#AM#1\r\n", 1),
    ],
)
def test_data_answers(frame: bytes, ack: bytes, records: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.ack, up.records, up.unique_id) == (FrameKind.DATA, ack, records, None)


def test_ping_is_answered_and_not_stored() -> None:
    up = PROTOCOL.inspect(v.PING, Session())
    assert (up.kind, up.ack, up.store) == (FrameKind.HEARTBEAT, b"#AP#\r\n", False)


def test_image_parts_are_answered_per_part() -> None:
    assert inspect(v.IMAGE_PART) == (FrameKind.OTHER, None, b"#AI#0;1\r\n")
    assert inspect(v.IMAGE_LAST) == (FrameKind.OTHER, None, b"#AI#1\r\n")
    with pytest.raises(InvalidField):  # binary shorter than the header says
        PROTOCOL.inspect(b"#I#5;0;1;NA;NA;a\r\n1234", Session())


def test_answers_and_unknown_types_get_no_answer() -> None:
    assert inspect(v.ANSWER_MESSAGE) == (FrameKind.REPLY, None, b"")
    assert inspect(b"#IT#x;y\r\n") == (FrameKind.OTHER, None, b"")


@pytest.mark.parametrize(
    ("frame", "nack"),
    [
        (v.SD_V2, b"#ASD#13\r\n"),
        (v.D_V2_CAN, b"#AD#16\r\n"),
        (v.B_V2, b"#AB#\r\n"),
        (v.LOGIN_V2, b"#AL#10\r\n"),
    ],
)
def test_flipped_crc_is_a_checksum_error_carrying_the_nack(frame: bytes, nack: bytes) -> None:
    bad = bytearray(frame)
    bad[-3] = ord("0") if bad[-3] != ord("0") else ord("1")
    with pytest.raises(ChecksumError) as e:
        PROTOCOL.inspect(bytes(bad), Session())
    assert isinstance(e.value, ChecksumNack) and e.value.reply == nack


def test_v2_message_needs_its_crc_after_a_v2_login() -> None:
    s = Session(state={"wialon.version": "2.0"})
    assert inspect(v.M_V2, s)[2] == b"#AM#1\r\n"
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(b"#M#hello;0000\r\n", s)
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"#M#no crc at all\r\n", s)
    # the same text from a v1.1 device is just text
    assert inspect(b"#M#hello;0000\r\n")[2] == b"#AM#1\r\n"


def test_udp_prefix_carries_the_identity() -> None:
    assert inspect(v.UDP_D_V2, UDP) == (FrameKind.DATA, "99999999", b"#AD#1\r\n")
    assert inspect(v.UDP_SD_V1, UDP) == (FrameKind.DATA, "99999999", b"#ASD#1\r\n")
    up = PROTOCOL.inspect(b"2.0;865905020722118" + v.SD_V2, UDP)
    assert up.unique_id == "865905020722118"


def test_structure_errors() -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"#SD#1;2;3\r\n", Session())  # too few fields
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"#L#a;b;c\r\n", Session())  # neither login layout
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"#B#1;2|3;4\r\n", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.SD_V1[:-2], Session())  # TCP needs the terminator
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"#SD#1\r\n2\r\n", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"hello world", Session())
