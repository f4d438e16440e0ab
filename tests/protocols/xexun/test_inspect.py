"""Xexun inspect: the IMEI of both layouts, never a reply, the checksums (NMEA, and the full
layout's length and CRC-16/XMODEM), and strict detection on a shared port."""

from __future__ import annotations

import os

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.meiligao import Device as MeiligaoDevice
from fleetwire.protocols.meitrack import Device as MeitrackDevice
from fleetwire.protocols.teltonika import Device as TeltonikaDevice
from fleetwire.protocols.xexun import PROTOCOL

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def crc_reference(data: bytes) -> int:
    """Bitwise CRC-16/XMODEM, written independently of the compiled one under test."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def test_reference_crc_agrees_with_the_compiled_one() -> None:
    assert crc_reference(b"123456789") == crc16_xmodem(b"123456789") == 0x31C3
    for n in (0, 1, 150):
        data = os.urandom(n)
        assert crc_reference(data) == crc16_xmodem(data)


def test_full_layout_crc_covers_everything_through_the_length_field() -> None:
    for message in v.FULL:
        head, _, tail = message.partition(b"imei:")
        fields = tail.split(b",")
        counted = head + b"imei:" + b",".join(fields[:6]) + b","
        assert int(fields[5]) == len(counted) - len(fields[5]) - 1  # the length field
        assert int(fields[6]) == crc_reference(counted)  # the CRC field


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].decode())
def test_every_message_carries_its_imei_and_needs_no_reply(frame: bytes) -> None:
    kind, imei, ack, records = inspect(frame)
    assert (kind, ack, records) == (FrameKind.DATA, b"", 1)
    assert imei == frame.split(b"imei:")[1].split(b",")[0].decode()


def test_identities() -> None:
    assert inspect(v.BASIC_SYDNEY)[1] == "351525010943661"
    assert inspect(v.FULL_ACC_START)[1] == "864504031916915"
    assert inspect(v.FULL_NO_FIX)[1] == "012207005047292"


@pytest.mark.parametrize("frame", v.EDITED_CRC, ids=lambda f: f[:12].decode())
def test_edited_full_messages_fail_their_crc(frame: bytes) -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(frame, Session())


@pytest.mark.parametrize("frame", v.EDITED_LENGTH, ids=lambda f: f[:12].decode())
def test_a_length_field_off_is_read_when_no_crc_vouches(frame: bytes) -> None:
    assert PROTOCOL.inspect(frame, Session()).unique_id == "123456789012345"


@pytest.mark.parametrize("frame", v.EDITED_SENTENCE, ids=lambda f: f[:12].decode())
def test_a_sentence_whose_checksum_the_firmware_broke_is_still_taken(frame: bytes) -> None:
    """The RMC sentence's "*CS" is the GPS module's; firmware rewrites the sentence after it
    (9 of 33 real messages in Traccar's XexunProtocolDecoderTest): the message is taken."""
    assert PROTOCOL.inspect(frame, Session()).unique_id


def test_broken_messages() -> None:
    f = v.FULL_ACC_START
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-1], Session())  # no line end
    with pytest.raises(ChecksumError):  # the CRC covers the length field too
        PROTOCOL.inspect(f.replace(b",135,", b",136,"), Session())
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(f.replace(b",19824,", b",19825,"), Session())
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(f.replace(b"5323.4680", b"5323.4681"), Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.BASIC_SYDNEY + b"x", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"x" + v.BASIC_SYDNEY, Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.BASIC_SYDNEY.replace(b"imei:", b"imei:x"), Session())
    no_star = v.BASIC_SYDNEY.replace(b"*76", b"")
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(no_star, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(b"") == Detection.MORE
    assert PROTOCOL.detect(v.BASIC_SYDNEY) == Detection.YES
    assert PROTOCOL.detect(v.FULL_ACC_START + v.BASIC_SYDNEY) == Detection.YES
    assert PROTOCOL.detect(v.FULL_ACC_START[:-1]) == Detection.MORE
    assert PROTOCOL.detect(v.EDITED_CHECKSUM_00) == Detection.NO
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(MeitrackDevice("353358017784062").login()[0]) == Detection.NO
    assert PROTOCOL.detect(MeiligaoDevice("67144025885540").login()[0]) == Detection.NO
    gps103 = b"imei:359586015829802,tracker,0809231929,,F,112909.397,A,2234.4669,N,11354.3287,E;"
    assert PROTOCOL.detect(gps103) == Detection.NO
    h02 = b"*HQ,865205030330012,V1,145452,A,2240.55181,N,11358.32389,E,0.00,0,100815,FFFFFBFF#"
    assert PROTOCOL.detect(h02) == Detection.NO
