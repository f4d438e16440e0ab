"""@Track commands: exact AT+GT… text as in the documents' examples, the password choice, the
serial counter, and the errors for commands we cannot send."""

from __future__ import annotations

import pytest

from fleetwire.errors import EncodeError, UnsupportedCommand
from fleetwire.model import Command
from fleetwire.protocols.base import Session
from fleetwire.protocols.gl200 import PROTOCOL

from . import vectors as v


def encode(kind: str, session: Session | None = None, **attrs: object) -> bytes:
    return PROTOCOL.encode_command(Command(kind, dict(attrs)), session or Session())


def test_real_time_operations() -> None:
    # GL300 3.2.11: password, sub command, configuration command, 4 reserved, serial
    # (doc example AT+GTRTO=gl300,0,,,,,,000B$)
    assert encode("rebootDevice", devicePassword="gl300") == b"AT+GTRTO=gl300,3,,,,,,0001$"
    assert encode("requestInfo", devicePassword="gl300") == b"AT+GTRTO=gl300,B,,,,,,0001$"
    assert encode("positionSingle", devicePassword="gl300") == b"AT+GTRTO=gl300,1,,,,,,0001$"


def test_output_control() -> None:
    # GV300 3.2.5 example AT+GTOUT=gv300,1,,,0,0,0,0,5,1,,,,,,,,0004$: 16 parameters
    stop = encode("engineStop", devicePassword="gv300")
    assert stop == b"AT+GTOUT=gv300,1" + b"," * 16 + b"0001$"
    assert stop.count(b",") == v.DOC_GV300_OUT.count(b",")
    assert (
        encode("engineResume", devicePassword="gv300") == b"AT+GTOUT=gv300,0" + b"," * 16 + b"0001$"
    )


def test_periodic_positions() -> None:
    got = encode("positionPeriodic", devicePassword="gl300", frequency=60)
    assert got == b"AT+GTFRI=gl300,1,,,,,,60,60,,,,,,,,,,,,0001$"
    for bad in (None, 0, 4, 86401, "60", True):
        with pytest.raises(EncodeError):
            encode("positionPeriodic", frequency=bad)


def test_password_follows_the_device_type_seen() -> None:
    s = Session()
    PROTOCOL.inspect(v.TRACCAR_FRI_GV, s)  # 06xxxx: GV300
    assert encode("rebootDevice", s) == b"AT+GTRTO=gv300,3,,,,,,0001$"
    s = Session()
    PROTOCOL.inspect(v.DOC_GL300_HBD, s)  # 1Axxxx: GL300
    assert encode("rebootDevice", s).startswith(b"AT+GTRTO=gl300,")
    assert encode("rebootDevice").startswith(b"AT+GTRTO=gl200,")  # nothing known yet
    with pytest.raises(EncodeError):
        encode("rebootDevice", devicePassword="a,b")


def test_serial_counts_per_session() -> None:
    s = Session()
    got = [encode("requestInfo", s, devicePassword="gl300") for _ in range(3)]
    assert [g[-5:] for g in got] == [b"0001$", b"0002$", b"0003$"]


def test_custom_is_sent_as_given() -> None:
    text = "AT+GTRTO=gl300,2,CFG,,,,,000F$"  # GL300 3.2.11 example
    assert encode("custom", data=text) == text.encode()
    with pytest.raises(EncodeError):
        encode("custom")
    with pytest.raises(EncodeError):
        encode("custom", data="AT+GTRTO=é")


def test_commands_we_cannot_send() -> None:
    with pytest.raises(UnsupportedCommand):
        encode("setTimezone")
    assert PROTOCOL.commands >= {"custom", "engineStop", "engineResume", "positionPeriodic",
                                 "rebootDevice", "requestInfo"}  # fmt: skip
