"""JT600 framing: binary short and long frames and text messages mixed on one stream, in every
shape; resync behind garbage; headers that cannot be a frame."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.jt600 import PROTOCOL
from fleetwire.protocols.jt600.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_binary_and_text_glued() -> None:
    assert_framing(PROTOCOL, [v.SHORT_ONE, v.U01, v.LONG_35, v.HEARTBEAT, v.SHORT_SIX, v.W01])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_length_is_read_where_each_header_keeps_it() -> None:
    # short: length at offset 7, plus '$', id, type, length and the serial byte
    assert frame_length(v.SHORT_SIX[:10]) == 162 + 10
    # long: a zero at offset 8 (the length's high byte), length at offset 8
    assert frame_length(v.LONG_52[:10]) == 52 + 10


def test_what_cannot_be_a_frame() -> None:
    assert frame_length(b"$\x3a") == -1  # the id is BCD
    assert frame_length(bytes.fromhex("24312082ff29")) == -1  # a nibble over 9
    assert frame_length(bytes.fromhex("24312082002911000000")) == -1  # zero length
    assert frame_length(b"(31208x") == -1  # the text id is digits
    assert frame_length(b"(3120820029,U01\x01)") == -1  # not printable
    assert frame_length(b"(" + b"1" * 10 + b"," * 1100) == -1  # no end within the cap
    assert frame_length(b"abc$") == -3
    for cut in (1, 5, 9):
        assert frame_length(v.SHORT_ONE[:cut]) == NEED_MORE
    fr = framer(PROTOCOL)
    assert fr.feed(b"\r\n" + v.U01 + b"\r\n" + v.SHORT_ONE) == [v.U01, v.SHORT_ONE]


def test_frame_decoder_captures() -> None:
    """traccar Jt600FrameDecoderTest (device captures, used as data): three short records of
    one unit sent back to back come out one frame each, the first as that test expects; a long
    record, a W01 line and an @JT line each come out whole."""
    glued = bytes.fromhex(
        "24315011626912001b21111718095900000000000000000e0000005c000000000000000000"
        "24315011626912001b22111708130400000000000000000e0000005a000000000000000000"
        "24315011626912001b22111708140400000000000000000e0000005a000000723e18a61b01"
    )
    frames = framer(PROTOCOL).feed(glued)
    assert [len(f) for f in frames] == [37, 37, 37]
    assert frames[0] == glued[:37]
    for hexed in (
        "2478905197081711003405101917164812492365028134847d0a1c000002640c0000000020c032759600"
        "731000000f0f0f0f0f0f0f0f0f0f000702850274",
        "24312082002911001B171012053405243809970255335555000406140003EE2B91044D1F02",
        "28333132303832303032392C5730312C30323535332E333535352C452C323433382E303939372C532C41"
        "2C3137313031322C3035333333392C302C382C32302C362C33312C352C32302C323029",
        "28373536303430353535332c404a5429",
    ):
        frame = bytes.fromhex(hexed)
        assert framer(PROTOCOL).feed(frame) == [frame]
        PROTOCOL.inspect(frame, Session())
