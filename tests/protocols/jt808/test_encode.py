"""JT/T 808 commands: exact bytes (header, XOR and escaping cross-checked with a hand-built
reference) for 0x8300 / 0x8105 / 0x8201 / 0x8103, 2013 and 2019 headers, the shared platform
serial, and the errors for commands we cannot send.

Layouts: JT/T 808-2013 (0x8300 flag + GBK text, 2019 adds a text-type byte; 0x8201 empty;
0x8103 count + {id(4) len(1) value}, id 0x0029 = default report interval; 0x8105 command word
4 = terminal reset); engine stop/resume are the 0x8105 words 0x64 / 0x65 of the G10LS JT/T 808
document (AIPorto/GPS-Tracker-SDK G10LS_Protocol.md, "Cut off / Restore oil and electricity").
"""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.jt808 import PROTOCOL

from . import vectors as v

PHONE = "012345678901"


def session_2013() -> Session:
    s = Session()
    PROTOCOL.inspect(v.GOJT808_HEARTBEAT, s)  # the heartbeat's reply used platform serial 0
    return s


def encode(kind: str, session: Session | None = None, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, dict(attrs)), session or session_2013())


@pytest.mark.parametrize(
    ("kind", "attrs", "msg_id", "body"),
    [
        ("rebootDevice", {}, 0x8105, "04"),
        ("engineStop", {}, 0x8105, "64"),
        ("engineResume", {}, 0x8105, "65"),
        ("requestPosition", {}, 0x8201, ""),
        ("positionPeriodic", {"frequency": 30}, 0x8103, "01 00000029 04 0000001e"),
        ("custom", {"data": "STATUS#"}, 0x8300, "01" + b"STATUS#".hex()),
        ("custom", {"data": "WHERE#", "flag": 2}, 0x8300, "02" + b"WHERE#".hex()),
        ("message", {"message": "你好"}, 0x8300, "0c" + "c4e3bac3"),  # GBK
    ],
)
def test_command_bytes(kind: str, attrs: dict[str, object], msg_id: int, body: str) -> None:
    expected = v.frame_reference(msg_id, PHONE, 1, bytes.fromhex(body.replace(" ", "")))
    assert encode(kind, **attrs) == expected
    assert kind in PROTOCOL.commands


def test_reboot_exact_hex() -> None:
    # 7E | 8105 | 0001 | 012345678901 | 0001 | 04 | XOR | 7E; the XOR by hand:
    # 81^05^00^01 = 85, ^01^23^45^67^89^01 = 0D, ^00^01 = 0C, ^04 = 08
    assert encode("rebootDevice").hex() == "7e810500010123456789010001" + "04" + "08" + "7e"


def test_text_with_flag_bytes_is_escaped() -> None:
    got = encode("custom", data="a~b}c")
    assert b"\x7d\x02" in got and b"\x7d\x01" in got
    assert got == v.frame_reference(0x8300, PHONE, 1, b"\x01a~b}c")


def test_2019_header_and_text_type() -> None:
    s = Session()
    PROTOCOL.inspect(v.GOJT808_HEARTBEAT_2019, s)
    got = PROTOCOL.encode_command(Command("requestPosition"), s)
    data = bytes.fromhex("8201 4000 01 00000000017299841738 0001".replace(" ", ""))
    assert got == b"\x7e" + data + bytes((v.xor_reference(data),)) + b"\x7e"
    got = PROTOCOL.encode_command(Command("custom", {"data": "hi"}), s)
    data = bytes.fromhex("8300 4004 01 00000000017299841738 0002 01 01 6869".replace(" ", ""))
    assert got == b"\x7e" + data + bytes((v.xor_reference(data),)) + b"\x7e"


def test_serial_is_shared_with_replies() -> None:
    s = session_2013()
    first = encode("rebootDevice", s)
    ack = PROTOCOL.inspect(v.GOJT808_HEARTBEAT, s).ack
    second = encode("rebootDevice", s)
    assert [f[11:13] for f in (first, ack, second)] == [b"\x00\x01", b"\x00\x02", b"\x00\x03"]


def test_phone_from_the_unique_id_before_any_frame() -> None:
    got = PROTOCOL.encode_command(Command("requestPosition"), Session(unique_id="13912345678"))
    assert got == v.frame_reference(0x8201, "013912345678", 0, b"")
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestPosition"), Session(unique_id="x1"))
    with pytest.raises(EncodeError):
        PROTOCOL.encode_command(Command("requestPosition"), Session())


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("setTimezone")
    bad: list[tuple[str, dict[str, object]]] = [
        ("custom", {}),
        ("custom", {"data": ""}),
        ("custom", {"data": "😀"}),  # not GBK
        ("custom", {"data": "x" * 1023}),  # body over 1023 with the flag
        ("custom", {"data": "x", "flag": 256}),
        ("custom", {"data": "x", "flag": True}),
        ("message", {"data": "wrong key"}),
        ("positionPeriodic", {}),
        ("positionPeriodic", {"frequency": 0}),
        ("positionPeriodic", {"frequency": "30"}),
        ("positionPeriodic", {"frequency": 2**32}),
    ]
    s = session_2013()
    for kind, attrs in bad:
        with pytest.raises(EncodeError):
            PROTOCOL.encode_command(Command(kind, attrs), s)
    assert s.state["jt808.serial"] == 0  # refused commands take no serial
    longest = encode("custom", data="x" * 1022)
    assert int.from_bytes(longest[3:5], "big") == 1023
