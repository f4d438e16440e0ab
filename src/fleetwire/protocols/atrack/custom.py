"""ATrack custom information (``%CI`` + codes, set by AT$FORM): reading the values of a binary
record, splitting those of a text record, and naming them in the shared vocabulary.

Owns the meaning of the codes we name (voltages, satellites, altitude, engine data, cell) and
the rule for the rest: ``custom<CODE>`` with the raw value, so nothing a device sends is lost.
Knows nothing about envelopes or the fixed part of a record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from fleetwire.errors import InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols._binary import Reader

from .constants import CUSTOM_SIZES, SIGNED, STRING, TEXT_TERMINATED, TEXT_TERMINATOR

Value = int | str
_CODE: Final = re.compile(r"%([A-Z]{2})(\d*)")
_FORMAT: Final = re.compile(r"(?:%[A-Z]{2}\d*)+")
_INTEGER: Final = re.compile(r"-?\d{1,20}")
FORMAT_HEAD: Final = "%CI"
_INT_SIZES: Final = frozenset({1, 2, 4, 8})


def parse_format(text: str) -> list[tuple[str, str]] | None:
    """``%CI%MV%IN0...`` as (code, base) pairs after %CI; None when it is not a format."""
    if not text.startswith(FORMAT_HEAD) or not _FORMAT.fullmatch(text):
        return None
    codes = [(m.group(1) + m.group(2), m.group(1)) for m in _CODE.finditer(text)]
    return codes[1:]


def cstring(frame: bytes, r: Reader, end: int) -> str:
    """A NUL-terminated string at the reader's position."""
    stop = frame.find(b"\x00", r.pos, end)
    if stop < 0:
        raise TruncatedFrame("string without its NUL")
    raw = frame[r.pos : stop]
    r.pos = stop + 1
    return raw.decode("latin-1")


def read_binary(
    frame: bytes, r: Reader, end: int, codes: list[tuple[str, str]]
) -> tuple[dict[str, Value], bool]:
    """The values of ``codes``; False when a code of unknown size stops the walk."""
    values: dict[str, Value] = {}
    for code, base in codes:
        size = CUSTOM_SIZES.get(base)
        if size is None:
            return values, False
        if size == STRING:
            values[code] = cstring(frame, r, end)
        elif size in _INT_SIZES:
            values[code] = int.from_bytes(r.bytes(size), "big", signed=base in SIGNED)
        else:
            values[code] = r.bytes(size).hex().upper()  # sensor samples: kept as the text form
    return values, True


def split_text(codes: list[tuple[str, str]], rest: str) -> dict[str, Value]:
    """Text values in format order; free-text values end with 0x1A, the others with a comma."""
    values: dict[str, Value] = {}
    for code, base in codes:
        if not rest:
            break
        stop = rest.find(TEXT_TERMINATOR) if base in TEXT_TERMINATED else -1
        if stop >= 0:
            text, rest = rest[:stop], rest[stop + 1 :].removeprefix(",")
        else:
            text, _, rest = rest.partition(",")
        values[code] = _typed(text, base)
    return values


def _typed(text: str, base: str) -> Value:
    """A text value as the number its binary form would be, where it is one."""
    if CUSTOM_SIZES.get(base) in _INT_SIZES and _INTEGER.fullmatch(text):
        return int(text)
    return text


def _int(value: Value, code: str) -> int:
    if isinstance(value, int):
        return value
    text = value.strip()
    try:
        return int(text)
    except ValueError as e:
        raise InvalidField(f"{code}={text[:20]!r} is not a number") from e


def _attr(name: str, scale: float = 1) -> Callable[[Record, Value, str], None]:
    def put(rec: Record, value: Value, code: str) -> None:
        n = _int(value, code)
        rec.attributes[name] = n / scale if scale != 1 else n

    return put


def _text(name: str) -> Callable[[Record, Value, str], None]:
    def put(rec: Record, value: Value, code: str) -> None:
        if str(value).strip():
            rec.attributes[name] = str(value).strip()

    return put


def _satellites(rec: Record, value: Value, code: str) -> None:
    n = _int(value, code)
    if not 0 <= n < 100:
        raise InvalidField(f"{n} satellites")
    rec.satellites = n


def _altitude(rec: Record, value: Value, code: str) -> None:
    rec.altitude = float(_int(value, code))


def _operator(rec: Record, value: Value, code: str) -> None:
    """MCC and MNC run together (310260: MCC 310, MNC 260); 0 when there is no network."""
    digits = str(_int(value, code))
    if len(digits) >= 5:
        rec.attributes["mcc"] = int(digits[:3])
        rec.attributes["mnc"] = int(digits[3:])


NAMED: Final[dict[str, Callable[[Record, Value, str], None]]] = {
    "SA": _satellites,
    "AT": _altitude,
    "MV": _attr("power", 10),  # main power, 0.1 V
    "BV": _attr("battery", 10),  # backup battery, 0.1 V
    "GQ": _attr("rssi"),  # GSM signal quality
    "RP": _attr("rpm"),
    "FL": _attr("fuelLevel"),  # percent
    "EL": _attr("engineLoad"),
    "ET": _attr("coolantTemp"),
    "TR": _attr("throttle"),
    "CE": _attr("cid"),
    "LC": _attr("lac"),
    "CN": _operator,
    "VN": _text("vin"),
    "CD": _text("iccid"),
}


def apply(rec: Record, values: dict[str, Value]) -> None:
    for code, value in values.items():
        named = NAMED.get(code)
        if named is not None:
            named(rec, value, code)
        else:
            rec.attributes[f"custom{code}"] = value.strip() if isinstance(value, str) else value
