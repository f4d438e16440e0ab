"""PT502 inspect: identity from every report type (the unit ID field, the ID glued to `$FUS`),
no reply ever (none is documented or seen), the full frame's XOR and length checks, strict
auto-detection, and the device's error for broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gps103, gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.pt502 import PROTOCOL, Device
from fleetwire.protocols.pt502.framing import wrap

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes, int]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack, u.records


@pytest.mark.parametrize("frame", v.REPORTS, ids=lambda f: f[:24].decode())
def test_reports_name_the_unit_and_get_no_reply(frame: bytes) -> None:
    assert inspect(frame) == (FrameKind.DATA, frame.split(b",")[1].decode(), b"", 1)


def test_full_frames() -> None:
    assert inspect(v.ISSUE1050_FULL) == (FrameKind.DATA, "0721976179", b"", 1)
    assert inspect(v.FOUR_POS_FULL) == (FrameKind.DATA, "1360000277", b"", 4)
    assert inspect(v.POS_353451_FULL) == (FrameKind.DATA, "353451000164", b"", 1)
    assert inspect(v.PHOTO_FULL) == (FrameKind.DATA, None, b"", 0)  # a chunk names no unit


def test_firmware_report() -> None:
    assert inspect(v.FUS) == (FrameKind.OTHER, "865328026243864", b"", 1)
    assert inspect(v.FUS_FULL) == (FrameKind.OTHER, "865328026243864", b"", 1)


def test_checksum_and_length() -> None:
    bad = bytearray(v.ISSUE1050_FULL)
    bad[2] ^= 0x01
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(bytes(bad), Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.ISSUE1050_FULL[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.ISSUE1050_FULL + b"\n", Session())


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.PR71_POS.rstrip(), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$POS,60x4,205523.000,A,,,,,,,011112,,,A/0,0/0/0//\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"$pos,6094\r\n", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect("$POS,é\r\n".encode(), Session())
    with pytest.raises(InvalidField):  # two units in one frame
        PROTOCOL.inspect(wrap(v.PR71_POS + v.CPA), Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"hello\r\n", Session())


def test_unknown_layout_names_no_unit() -> None:
    assert inspect(b"$OPC,1,OK\r\n") == (FrameKind.OTHER, None, b"", 0)


def test_detect_real_first_frames() -> None:
    for frame in (v.PR71_POS, v.CPA, v.PHO_3821, v.FUS, v.ISSUE1050_FULL, v.FOUR_POS_FULL):
        assert PROTOCOL.detect(frame) == Detection.YES, frame[:20]
    assert PROTOCOL.detect(v.PR71_POS[:20]) == Detection.MORE


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gps103.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"$$A128,353358017784062,AAA,35,22.6,114.0,100630060310,A,7,9,0,0,0,0*54\r\n",
        b"$GPRMC,092204.999,A,4250.5589,S,14718.5084,E,0.00,89.68,211200,,A*25\r\n",
        b"$OPC,1,OK\r\n",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head


def test_example_device_is_detected() -> None:
    frame, reply = Device(Device.example_id).report([])
    assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.inspect(frame, Session()).ack == reply == b""
