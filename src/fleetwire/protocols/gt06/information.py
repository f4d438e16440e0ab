"""GT06 login, command answers (0x15, 0x21) and information packets (0x94): records without a
position.

Layouts: Concox GT06N / JM-VL03 documents.
"""

from __future__ import annotations

from collections.abc import Callable

from fleetwire.errors import TruncatedFrame
from fleetwire.model import Attributes, Record, RecordKind
from fleetwire.protocols._binary import Reader
from fleetwire.protocols.base import DecodeContext

from .constants import InfoType
from .framing import Envelope


def _status(attrs: Attributes, ctx: DecodeContext) -> list[Record]:
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def login(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    r.skip(8)  # IMEI: the identity is the session's (inspect read it)
    attrs: Attributes = {}
    if r.remaining >= 2:  # newer firmware: type identity code, then time zone/language
        attrs["type"] = r.bytes(2).hex()
    return [Record(fix_time=ctx.received, kind=RecordKind.STATUS, attributes=attrs)]


def _result(raw: bytes, codec: str = "ascii") -> Attributes:
    return {"result": raw.decode(codec, "replace").rstrip("\x00").strip()}


def string_info(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x15: command length, server flag(4), ASCII text, language(2). The command length is
    unreliable in captures (0 on some firmware), so the text is what lies between."""
    if r.remaining < 7:
        raise TruncatedFrame(f"string information of {r.remaining} bytes")
    r.skip(5)
    return _status(_result(r.bytes(r.remaining - 2)), ctx)


def command_reply(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x21: server flag(4), encoding (1 ASCII, 2 UTF-16BE), text."""
    r.skip(4)
    codec = "utf-16-be" if r.u8() == 2 else "ascii"
    return _status(_result(r.bytes(r.remaining), codec), ctx)


def _power(r: Reader, attrs: Attributes) -> None:
    attrs["power"] = r.u16() / 100  # external supply, 0.01 V


def _door(r: Reader, attrs: Attributes) -> None:
    attrs["door"] = bool(r.u8() & 0x01)


def _iccid(r: Reader, attrs: Attributes) -> None:
    r.skip(16)  # IMEI and IMSI
    attrs["iccid"] = r.bytes(10).hex().rstrip("f")  # BCD, padded with F nibbles


_INFO: dict[int, Callable[[Reader, Attributes], None]] = {
    InfoType.POWER: _power,
    InfoType.DOOR: _door,
    InfoType.ICCID: _iccid,
}


def info(r: Reader, ctx: DecodeContext, env: Envelope) -> list[Record]:
    """0x94: a sub-type byte, then its content; unknown sub-types carry nothing we keep."""
    read = _INFO.get(r.u8())
    if read is None:
        return []
    attrs: Attributes = {}
    read(r, attrs)
    return _status(attrs, ctx)
