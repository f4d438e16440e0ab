"""OBD-II items of the OBD (0x07) and OBD alarm (0x09) blocks -> attributes.

An item is one header byte (high nibble: the item's length including that byte; low nibble:
the OBD service) and its data: for service 01, the PID and its value bytes; for service 03, the
stored trouble codes, two bytes each. Items of other lengths (under 3 or over 8) and services
are skipped, as the vendor decoder tool does. The PID scales are SAE J1979's (a public
standard); PIDs without a table entry keep their raw value as `io<PID>`. Service 02 (freeze
frame) repeats old values under the same PIDs and is skipped so that it cannot overwrite the
live ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NamedTuple

from fleetwire.errors import InvalidField, TruncatedFrame

_CURRENT_DATA: Final = 1
_TROUBLE_CODES: Final = 3
_MIN_ITEM: Final = 3
_MAX_ITEM: Final = 8
_DTC_LETTERS: Final = "PCBU"


class Pid(NamedTuple):
    name: str
    size: int  # value bytes the formula needs
    convert: Callable[[int], Any]


def _percent(a: int) -> float:
    return round(a * 100 / 255, 2)


def _celsius(a: int) -> int:
    return a - 40


def _same(v: int) -> int:
    return v


PIDS: Final[dict[int, Pid]] = {
    0x04: Pid("engineLoad", 1, _percent),
    0x05: Pid("coolantTemp", 1, _celsius),
    0x0C: Pid("rpm", 2, lambda v: v / 4),
    0x0D: Pid("obdSpeed", 1, _same),  # km/h
    0x0F: Pid("intakeAirTemp", 1, _celsius),
    0x10: Pid("airFlow", 2, lambda v: v / 100),  # MAF, g/s
    0x11: Pid("throttle", 1, _percent),
    0x1F: Pid("engineRunTime", 2, _same),  # seconds since the engine started
    0x21: Pid("milDistance", 2, lambda v: v * 1000),  # km with the MIL on -> m
    0x2F: Pid("fuelLevel", 1, _percent),
    0x31: Pid("clearedDistance", 2, lambda v: v * 1000),  # km since codes cleared -> m
    0x46: Pid("ambientTemp", 1, _celsius),
    0x5C: Pid("oilTemp", 1, _celsius),
    0x5E: Pid("fuelConsumption", 2, lambda v: v / 20),  # L/h
    0xA6: Pid("obdOdometer", 4, lambda v: v * 100),  # 0.1 km -> m
}
_MONITOR_STATUS: Final = 0x01  # A: bit 7 MIL on, bits 0-6 the number of stored codes


def _dtc(a: int, b: int) -> str:
    return f"{_DTC_LETTERS[a >> 6]}{(a >> 4) & 3}{a & 0xF:X}{b >> 4:X}{b & 0xF:X}"


def _current(pid: int, value: bytes, out: dict[str, Any]) -> None:
    if pid == _MONITOR_STATUS:
        out["mil"] = bool(value[0] & 0x80)
        out["dtcCount"] = value[0] & 0x7F
        return
    spec = PIDS.get(pid)
    if spec is None:
        out[f"io{pid}"] = int.from_bytes(value, "big")
        return
    if len(value) < spec.size:
        raise InvalidField(f"PID {pid:02X} with {len(value)} bytes, needs {spec.size}")
    out[spec.name] = spec.convert(int.from_bytes(value[: spec.size], "big"))


def decode_items(data: bytes, out: dict[str, Any]) -> None:
    """Put the items' values in ``out``; trouble codes join ``out["dtcs"]``."""
    codes: list[str] = []
    pos, n = 0, len(data)
    while pos < n:
        size, service = data[pos] >> 4, data[pos] & 0x0F
        if size == 0:
            raise InvalidField(f"OBD item of length 0 at offset {pos}")
        if pos + size > n:
            raise TruncatedFrame(f"OBD item of {size} bytes, {n - pos} left")
        if _MIN_ITEM <= size <= _MAX_ITEM:
            if service == _CURRENT_DATA:
                _current(data[pos + 1], data[pos + 2 : pos + size], out)
            elif service == _TROUBLE_CODES:
                body = data[pos + 1 : pos + size]
                codes += (
                    _dtc(body[i], body[i + 1])
                    for i in range(0, len(body) - 1, 2)
                    if body[i] | body[i + 1]
                )
        pos += size
    if codes:
        previous = out.get("dtcs")
        out["dtcs"] = " ".join([previous, *codes] if previous else codes)
