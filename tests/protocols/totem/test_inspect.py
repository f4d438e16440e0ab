"""Totem inspect: the IMEI of every real frame, no reply (none is documented), the checksum
of each envelope, and the device's error for broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.totem import PROTOCOL, Device

from . import vectors as v


@pytest.mark.parametrize("frame", v.CLASSIC, ids=lambda f: f[:24].decode())
def test_classic_frames_carry_the_imei_and_want_no_reply(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.reject, u.records) == (FrameKind.DATA, b"", b"", 1)
    assert u.unique_id == frame[4:].split(b"|")[0].decode()


@pytest.mark.parametrize("frame", v.FIXED, ids=lambda f: f[:24].decode())
def test_fixed_frames_carry_the_imei_and_get_no_reply(frame: bytes) -> None:
    u = PROTOCOL.inspect(frame, Session())
    assert (u.kind, u.ack, u.records) == (FrameKind.DATA, b"", 1)
    assert u.unique_id == frame[8:23].decode()
    assert PROTOCOL.inspect(frame + b"\r\n", Session()).unique_id == u.unique_id


def test_doc_example_identity() -> None:
    assert PROTOCOL.inspect(v.DOC_AVL02, Session()).unique_id == "353358019474100"
    assert PROTOCOL.inspect(v.FIXED_SOUTH_AFRICA, Session()).unique_id == "862010037348253"


def test_checksums() -> None:
    # the document's worked example: CRC-16/MODBUS of everything before "96F7" is 0x96F7
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.DOC_AVL02.replace(b"96F7", b"96F8"), Session())
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.DOC_AVL02.replace(b"2232.4289", b"2232.4288"), Session())
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.FIXED_108[:-2] + b"59", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.FIXED_108[:-2] + b"5G", Session())
    with pytest.raises(InvalidField):  # the traccar capture whose length field is wrong
        PROTOCOL.inspect(v.FIXED_BAD_LENGTH + b"000000\r\n", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.FIXED_BAD_LENGTH, Session())


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.DOC_AVL02[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.DOC_AVL02[:-2] + b"\n\r", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.DOC_AVL02 + b"\r\n", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"##" + v.DOC_AVL02[2:], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"$$A9,53358019474100|AA", Session())


def test_detect() -> None:
    first, _ = Device(Device.example_id).report([])
    for frame in (v.DOC_AVL02, v.FIXED_SOUTH_AFRICA, first):
        assert PROTOCOL.detect(frame) == Detection.YES
    assert PROTOCOL.detect(v.DOC_AVL02[:30]) == Detection.MORE
    assert PROTOCOL.detect(b"$$\x00\x11\x13\x61\x23\x45\x67\x8f\xff\x50\x00\x05\xd8\r\n") == (
        Detection.NO
    )  # a Meiligao login (binary length after the same "$$")
    assert PROTOCOL.detect(b"$$Q25,353358017784062,A10*6A\r\n") == Detection.NO  # Meitrack
