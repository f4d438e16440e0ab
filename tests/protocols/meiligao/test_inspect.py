"""Meiligao inspect: the id of every frame, the exact login reply, no reply to reports, and the
device's error for every broken envelope; detection on a shared port."""

from __future__ import annotations

import os

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.meiligao import PROTOCOL
from fleetwire.protocols.meiligao.constants import MessageType as M
from fleetwire.protocols.meiligao.constants import crc16_ccitt
from fleetwire.protocols.meitrack import Device as MeitrackDevice
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def test_reference_crc_agrees_with_the_compiled_one() -> None:
    assert v.crc_reference(b"123456789") == crc16_ccitt(b"123456789") == 0x29B1
    for n in (0, 1, 17, 300):
        data = os.urandom(n)
        assert v.crc_reference(data) == crc16_ccitt(data)


def test_login_is_answered_with_4000_01() -> None:
    expected = v.frame(b"@@", "67144025885540", 0x4000, b"\x01")
    assert expected.hex() == "4040001267144025885540400001d8e10d0a"
    assert inspect(v.TRACCAR_LOGIN) == (FrameKind.LOGIN, "67144025885540", expected, 0)


def test_reply_keeps_the_id_padding_as_sent() -> None:
    login = v.frame(b"$$", "1001", M.LOGIN, b"")
    assert inspect(login)[1:3] == ("1001", v.frame(b"@@", "1001", 0x4000, b"\x01"))


def test_reports_need_no_reply() -> None:
    assert inspect(v.TRACCAR_SATELLITES) == (FrameKind.DATA, "142180340967", b"", 1)
    assert inspect(v.TRACCAR_ALARM_VEER) == (FrameKind.DATA, "1092", b"", 1)
    assert inspect(v.TRACCAR_RFID_2006)[2:] == (b"", 1)
    assert inspect(v.TRACCAR_BATCH_ONE) == (FrameKind.DATA, "61172036237118", b"", 1)
    assert inspect(v.TRACCAR_SOUTH_WEST_CELL)[1] == "00000000000000"


def test_unknown_types_are_other() -> None:
    assert inspect(v.TRACCAR_OBD_9901) == (FrameKind.OTHER, "66104024211743", b"", 0)


def test_command_answers_are_replies() -> None:
    answer = v.frame(b"$$", "1001", M.OUTPUT_CONTROL, b"\x01")
    assert inspect(answer) == (FrameKind.REPLY, "1001", b"", 1)


def test_broken_frames() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.TRACCAR_ZERO_LENGTH, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.TRACCAR_BROKEN, Session())
    f = v.TRACCAR_LOGIN
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"@@" + f[2:], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f[:-1] + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f + b"\x00", Session())
    with pytest.raises(InvalidField):  # id nibble A-E
        PROTOCOL.inspect(v.frame(b"$$", "12a4", M.LOGIN, b""), Session())


def test_flipped_crc_is_a_checksum_error() -> None:
    for frame in v.VALID:
        bad = bytearray(frame)
        bad[-3] ^= 0x01
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.TRACCAR_LOGIN) == Detection.YES
    assert PROTOCOL.detect(v.TRACCAR_SATELLITES[:10]) == Detection.MORE
    assert PROTOCOL.detect(v.TRACCAR_BROKEN) == Detection.MORE  # one byte short of its length
    assert PROTOCOL.detect(v.TRACCAR_LOGIN[:-3] + b"\x00\r\n") == Detection.NO  # bad CRC
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(MeitrackDevice("353358017784062").login()[0]) == Detection.NO
