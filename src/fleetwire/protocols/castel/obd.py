"""Castel OBD contents: fault codes (DTC messages 0x4006/0x400B), the tagged values of the
comprehensive report (0x401F) and the text of a query answer (0xA002).

Layouts from the public captures of traccar CastelProtocolDecoderTest and the field list its
decoder reads (the comprehensive report's tags: 0x0010 device temperature, 0x0011-0x0014
temperature sensors, both 0.1 degC signed; 0x0020 power, 0x0021 backup battery, both 0.01 V);
the fault code is the SAE J2012 two-byte form. Knows nothing about envelopes.
"""

from __future__ import annotations

from typing import Any, Final

from fleetwire.protocols._binary import Reader

from .items import le

_SYSTEMS: Final = "PCBU"  # powertrain, chassis, body, network: the code's top two bits
_TAG_HEAD: Final = 4
_DEVICE_TEMP: Final = 0x0010
_TEMPS: Final = range(0x0011, 0x0015)
_POWER: Final = 0x0020
_BATTERY: Final = 0x0021


def dtc(code: int) -> str:
    return f"{_SYSTEMS[code >> 14]}{(code >> 12) & 0x3}{code & 0xFFF:03X}"


def dtcs(r: Reader, *, commercial: bool) -> str:
    """A flag, a count, then the codes (U16 LE; a commercial one adds attribute and
    occurrence bytes), as one space-separated text."""
    r.skip(1)
    codes = []
    for _ in range(r.u8()):
        codes.append(dtc(le(r, 2)))
        if commercial:
            r.skip(2)
    return " ".join(codes)


def _signed(raw: bytes) -> int:
    return int.from_bytes(raw, "little", signed=True)


def tagged(r: Reader) -> dict[str, Any]:
    out: dict[str, Any] = {}
    while r.remaining >= _TAG_HEAD:
        tag, length = le(r, 2), le(r, 2)
        raw = r.bytes(length)
        if length != 2:
            continue  # PID values, supported streams, snapshots, faults: not read here
        if tag == _DEVICE_TEMP:
            out["deviceTemp"] = _signed(raw) / 10
        elif tag in _TEMPS:
            out[f"temp{tag - _DEVICE_TEMP}"] = _signed(raw) / 10
        elif tag == _POWER:
            out["power"] = int.from_bytes(raw, "little") / 100
        elif tag == _BATTERY:
            out["battery"] = int.from_bytes(raw, "little") / 100
    return out


def query_result(r: Reader) -> str | None:
    """Index (U16), answer count and index, the tags that failed (count, U16 each), then the
    answered ones (count; tag U16, length U16, ASCII text each): the last answer's text."""
    r.skip(2 + 1 + 1)
    r.skip(2 * r.u8())
    text = None
    for _ in range(r.u8()):
        r.skip(2)
        text = r.bytes(le(r, 2)).decode("ascii", "replace")
    return text
