"""Navis inspect: identity of *>S, the exact *<T (record index) and *<A (record count) answers
to real record messages, the FLEX answers of a real FLEX 2.0 session, and the device's error
for a broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Uplink
from fleetwire.protocols.navis import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_ntcb, crc8

from . import vectors as v


def test_login_answer_swaps_recipient_and_sender() -> None:
    up = PROTOCOL.inspect(v.LOGIN, Session())
    assert up == Uplink(
        FrameKind.LOGIN, unique_id="861785005205079", ack=build_ntcb(123, 1, b"*<S")
    )
    assert up.ack == bytes.fromhex("404e54437b00000001000000030045252a3c53")


def test_single_is_answered_with_its_record_index() -> None:
    up = PROTOCOL.inspect(v.SINGLE_F60, Session())
    # index 6058 = 0x17aa, little-endian, from the device 0x02f5fbcd
    assert up.ack == build_ntcb(0x02F5FBCD, 1, b"*<T\xaa\x17\x00\x00")
    assert (up.kind, up.records) == (FrameKind.DATA, 1)


def test_array_is_answered_with_its_record_count() -> None:
    up = PROTOCOL.inspect(v.ARRAY_F52, Session())
    assert up.ack == build_ntcb(4, 0, b"*<A\x01")
    assert up.ack == bytes.fromhex("404e544304000000000000000400564f2a3c4101")
    assert (up.kind, up.records) == (FrameKind.DATA, 1)


def test_flex_session_answers() -> None:
    s = Session()
    PROTOCOL.inspect(v.FLEX20_LOGIN, s)
    assert PROTOCOL.inspect(v.FLEX20, s).ack == build_ntcb(0x02F6EEA9, 1, b"*<FLEX\xb0\x14\x14")
    urgent = PROTOCOL.inspect(v.FLEX20_URGENT, s)
    assert urgent.ack == b"~T\x28\x00\x00\x00" + bytes((crc8(b"~T\x28\x00\x00\x00"),))
    assert urgent.context == v.FLEX20[26:]
    assert PROTOCOL.inspect(v.FLEX20_ARRAY, s).ack == b"~A\x01" + bytes((crc8(b"~A\x01"),))


def test_broken_envelopes() -> None:
    bad = bytearray(v.SINGLE_F52)
    bad[-1] ^= 0x01
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(bytes(bad), Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>T\x06\x01"), Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(build_ntcb(1, 0, b"*>A\x00\x06"), Session())


def test_unknown_record_format_is_acked_and_stored() -> None:
    """A two-byte format has no published layout: the frame is whole (its XORs match), so it
    is answered and kept; decode() dead-letters it with its reason."""
    frame = build_ntcb(1, 0, b"*>T\x00\x01\x02\x05\x00\x00\x00" + bytes(40))
    up = PROTOCOL.inspect(frame, Session())
    assert up.ack == build_ntcb(0, 1, b"*<T\x05\x00\x00\x00")
    assert up.store


def test_not_on_the_auto_port() -> None:
    """Its login is Navtelecom's byte for byte: only its own port can tell them apart."""
    from fleetwire.protocols.navtelecom import PROTOCOL as NAVTELECOM

    assert not PROTOCOL.auto_port
    assert NAVTELECOM.inspect(v.LOGIN, Session()).unique_id == "861785005205079"
