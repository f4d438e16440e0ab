"""Fifotrack inspect: the ID of every frame, no reply to reports (the vendor documents define
none), command answers as replies, and the device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.fifotrack import PROTOCOL
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.meitrack import Device as MeitrackDevice
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


def test_reports_carry_the_imei_and_need_no_reply() -> None:
    assert inspect(v.A01_2016) == (FrameKind.DATA, "866104023192332", b"", 1)
    assert inspect(v.A00_AB) == (FrameKind.DATA, "866104023179743", b"", 1)
    assert inspect(v.A01_2020) == (FrameKind.DATA, "863003046473534", b"", 1)


def test_command_answers_are_replies() -> None:
    # Q3 command list V1.6, C03: "Reply: C03,3.80,50%,Charging"
    answer = v.frame(b"$$", "866104023192332", "1", b"C03,3.80,50%,Charging")
    assert inspect(answer) == (FrameKind.REPLY, "866104023192332", b"", 1)
    ok = v.frame(b"$$", "866104023192332", "2", b"B23,OK")  # "B23,<err_code>"
    assert inspect(ok)[0] == FrameKind.REPLY


def test_photos_and_unknown_codes_are_other() -> None:
    assert inspect(v.D05) == (FrameKind.OTHER, "868345037864709", b"", 0)
    assert inspect(v.frame(b"$$", "868345037864709", "1", b"XYZ,1"))[0] == FrameKind.OTHER


def test_edited_capture_is_rejected() -> None:
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.EDITED_SOS, Session())


def test_flipped_checksum_is_a_checksum_error() -> None:
    for frame in v.VALID:
        bad = bytearray(frame)
        bad[-3] = ord("0") if bad[-3] != ord("0") else ord("1")
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_checksum_is_the_xor_of_pack_len_through_cmd_para() -> None:
    for f in v.VALID:
        assert int(f[-4:-2], 16) == v.xor8(f[2:-5])


def test_broken_envelopes() -> None:
    f = v.A00_5
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"##" + f[2:], Session())  # a server frame
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f[:-1] + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f + b"\r\n", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-3], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "8661-4023179743", "1", b"A01,"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "866104023179743", "G1", b"A01,"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "866104023179743", "1", b"A001,"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.frame(b"$$", "866104023179743", "1", b""), Session())  # no code


def test_detect() -> None:
    assert PROTOCOL.detect(v.A01_2016) == Detection.YES
    assert PROTOCOL.detect(v.A00_AB + v.D05) == Detection.YES
    assert PROTOCOL.detect(v.A01_2016[:40]) == Detection.MORE
    assert PROTOCOL.detect(v.EDITED_SOS) == Detection.NO
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(MeitrackDevice("353358017784062").login()[0]) == Detection.NO
    meiligao_login = bytes.fromhex("2424001123456789012345ffff500000000d0a")
    assert PROTOCOL.detect(meiligao_login) == Detection.NO
