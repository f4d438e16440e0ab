"""Navtelecom inspect: identity of *>S, the vendor's exact *<S and *<FLEX answers, exact FLEX
ACKs, the negotiated record size checked before an ACK, and the device's error for every broken
envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.navtelecom import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_flex, build_ntcb, crc8
from fleetwire.protocols.navtelecom.inspect import BITFIELD_KEY
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v


def negotiated() -> Session:
    s = Session()
    PROTOCOL.inspect(v.LOGIN, s)
    PROTOCOL.inspect(v.FLEX, s)
    return s


def test_vendor_login_and_flex_answers() -> None:
    s = Session()
    up = PROTOCOL.inspect(v.VENDOR_LOGIN, s)
    assert up == Uplink(FrameKind.LOGIN, unique_id="866795033323864", ack=v.VENDOR_LOGIN_ACK)
    up = PROTOCOL.inspect(v.VENDOR_FLEX, s)
    assert up == Uplink(FrameKind.OTHER, ack=v.VENDOR_FLEX_ACK)
    assert s.state[BITFIELD_KEY] == v.VENDOR_FLEX[26:].hex()


def test_flex_1_0_answer_echoes_the_versions() -> None:
    up = PROTOCOL.inspect(v.FLEX10, Session())
    assert up.ack == bytes.fromhex("404e544300000000010000000900b1a02a3c464c4558b00a0a")
    assert up.ack == build_ntcb(0, 1, b"*<FLEX\xb0\x0a\x0a")


def test_array_ack_is_count_and_crc8() -> None:
    up = PROTOCOL.inspect(v.ARRAY, negotiated())
    ack = b"~A\x04" + bytes((crc8(b"~A\x04"),))
    # the layout travels with the frame: the raw log keeps it for the worker
    assert up == Uplink(FrameKind.DATA, ack=ack, records=4, context=v.FLEX[26:])
    assert ack == bytes.fromhex("7e41042a")


def test_urgent_and_current_acks() -> None:
    s = negotiated()
    record = v.ARRAY[3 : 3 + 171]
    urgent = build_flex(ord("T"), b"\x01\x02\x03\x04", record)
    assert PROTOCOL.inspect(urgent, s).ack == build_flex(ord("T"), b"\x01\x02\x03\x04", b"")
    current = build_flex(ord("C"), b"", record)
    assert PROTOCOL.inspect(current, s).ack == b"~C" + bytes((crc8(b"~C"),))


def test_flex_before_negotiation_or_of_the_wrong_size() -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.ARRAY, Session())
    s = Session()
    PROTOCOL.inspect(v.FLEX10_FIRST_BYTE, s)  # fields 1-15: 39-byte records
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.ARRAY, s)


def test_command_answer_is_a_reply() -> None:
    up = PROTOCOL.inspect(v.ANSWER, Session())
    assert (up.kind, up.ack, up.records) == (FrameKind.REPLY, b"", 1)


def test_ping_is_not_stored() -> None:
    up = PROTOCOL.inspect(b"\x7f", Session())
    assert (up.kind, up.store, up.ack) == (FrameKind.HEARTBEAT, False, b"")


@pytest.mark.parametrize("frame", [*v.NTCB, v.ARRAY], ids=lambda f: f[:20].hex())
def test_flipped_checksums(frame: bytes) -> None:
    for i in (-1, 14, 15):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), negotiated())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.LOGIN[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>S:86679503141068X"), Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>S:8667"), Session())
    with pytest.raises(TruncatedFrame):  # bits declared for more bytes than sent
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>FLEX\xb0\x0a\x0a\x45\xff"), Session())
    with pytest.raises(InvalidField):  # more bytes than the bits declared
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>FLEX\xb0\x0a\x0a\x08\xff\x00"), Session())
    with pytest.raises(InvalidField):  # not the FLEX protocol
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>FLEX\xb1\x0a\x0a\x08\xff"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build_flex(ord("A"), b"\x00", b"\x00"), negotiated())


def test_detect() -> None:
    assert PROTOCOL.detect(v.LOGIN) is Detection.YES
    assert PROTOCOL.detect(v.LOGIN[:20]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
