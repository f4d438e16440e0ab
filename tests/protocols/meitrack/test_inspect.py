"""Meitrack inspect: the IMEI of every frame, the exact CCC confirmation, no reply to AAA, CCE
and command answers, and the device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.meitrack import PROTOCOL
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def test_reports_carry_the_imei_and_need_no_reply() -> None:
    assert inspect(v.DOC_SOS) == (FrameKind.DATA, "353358017784062", b"", 1)
    assert inspect(v.TRACCAR_RFID) == (FrameKind.DATA, "013949004569813", b"", 1)


def test_ccc_is_confirmed_with_its_packet_count() -> None:
    # "CCC,<number of packets received>" under the batch's own flag (T622 protocol 3.45)
    expected = v.frame(b"@@", "X", "369800014090021", b"CCC,1")
    assert expected == b"@@X27,369800014090021,CCC,1*E4\r\n"
    assert inspect(v.TRACCAR_CCC) == (FrameKind.DATA, "369800014090021", expected, 1)


def test_cce_counts_its_packets_without_a_reply() -> None:
    assert inspect(v.TRACCAR_CCE_3) == (FrameKind.DATA, "862090050007465", b"", 3)
    assert inspect(v.TRACCAR_CCE_CELL)[3] == 1


def test_command_answers_are_replies() -> None:
    assert inspect(v.DOC_A11_OK) == (FrameKind.REPLY, "353358017784062", b"", 1)
    assert inspect(v.TRACCAR_D03_OK)[0] == FrameKind.REPLY


def test_pictures_and_unknown_types_are_other() -> None:
    pic = v.frame(
        b"$$", "A", "864507031219974", b"D00,180224072614_C1E109_N1U1D1.jpg,14,0,\xff\xd8"
    )
    assert inspect(pic) == (FrameKind.OTHER, "864507031219974", b"", 0)
    assert inspect(v.frame(b"$$", "A", "864507031219974", b"XYZ,1"))[0] == FrameKind.OTHER


def test_edited_captures_are_rejected() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.TRACCAR_EDITED_BAD_SUM, Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.TRACCAR_EDITED_BAD_LENGTH, Session())


def test_flipped_checksum_is_a_checksum_error() -> None:
    for frame in v.VALID:
        bad = bytearray(frame)
        bad[-3] = ord("0") if bad[-3] != ord("0") else ord("1")
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_lowercase_checksum_digits_are_accepted() -> None:
    assert v.TRACCAR_CCC[-4:-2] == b"be"  # as captured
    assert inspect(v.TRACCAR_CCC)[1] == "369800014090021"


def test_broken_envelopes() -> None:
    f = v.DOC_SOS
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"@@" + f[2:], Session())  # a server frame
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f[:-1] + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f + b"\r\n", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-3], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "A", "35335801778406x", b"AAA,1"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "A", "353358017784062", b"AAAA,1"), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.DOC_SOS) == Detection.YES
    assert PROTOCOL.detect(v.TRACCAR_CCE_3 + v.DOC_SOS) == Detection.YES
    assert PROTOCOL.detect(v.DOC_SOS[:40]) == Detection.MORE
    assert PROTOCOL.detect(v.TRACCAR_EDITED_BAD_SUM) == Detection.NO
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) == Detection.NO
    meiligao_login = bytes.fromhex("2424001123456789012345ffff500000000d0a")
    assert PROTOCOL.detect(meiligao_login) == Detection.NO
    gps103 = b"imei:359586015829802,tracker,0809231929,,F,112909.397,A,2234.4669,N,11354.3287,E;"
    assert PROTOCOL.detect(gps103) == Detection.NO
