"""Shared binary helpers for protocol modules: a bounds-checked reader, CRCs, BCD.

The reader raises TruncatedFrame (the device's fault) instead of IndexError/struct.error, so a
decoder built on it can only fail with the protocol's clean error. CRCs are the compiled ones of
crcmod (the pure-Python versions cost as much as all the rest of the per-frame work).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any, Final

import crcmod.predefined

from fleetwire.errors import InvalidField, TruncatedFrame

Buffer = bytes | bytearray | memoryview

# CRC-16/ARC (IBM): Teltonika, Wialon IPS 2.0. check("123456789") = 0xBB3D
crc16_arc: Final = crcmod.predefined.mkCrcFun("crc-16")
# CRC-16/X-25 ("CRC-ITU"): GT06 family. check = 0x906E
crc16_x25: Final = crcmod.predefined.mkCrcFun("x-25")
# CRC-16/KERMIT: Ruptela. check = 0x2189
crc16_kermit: Final = crcmod.predefined.mkCrcFun("kermit")
# CRC-16/MODBUS: Galileosky, TZONE, Totem. Poly 0x8005 reflected, init 0xFFFF. check = 0x4B37
crc16_modbus: Final = crcmod.predefined.mkCrcFun("modbus")
# CRC-16/XMODEM: Xexun, Ulbotech, MiniFinder. Poly 0x1021, init 0, not reflected. check = 0x31C3
crc16_xmodem: Final = crcmod.predefined.mkCrcFun("xmodem")
# CRC-16/CCITT-FALSE: EGTS frame data. Poly 0x1021, init 0xFFFF, not reflected. check = 0x29B1
crc16_ccitt_false: Final = crcmod.predefined.mkCrcFun("crc-ccitt-false")
# CRC-8 with poly 0x31, init 0xFF, not reflected, no final XOR: EGTS header. check = 0xF7
crc8_egts: Final = crcmod.mkCrcFun(0x131, initCrc=0xFF, rev=False, xorOut=0)


def xor8(data: Buffer) -> int:
    """XOR of all bytes (JT/T 808, Navtelecom NTCB, PT502, Fifotrack, Totem), folded as one big
    integer: C speed instead of a byte loop."""
    width = len(data)
    n = int.from_bytes(data, "little")
    while width > 1:
        half = (width + 1) // 2
        n = (n & ((1 << (half * 8)) - 1)) ^ (n >> (half * 8))
        width = half
    return n


_U16 = struct.Struct(">H")
_I16 = struct.Struct(">h")
_U32 = struct.Struct(">I")
_I32 = struct.Struct(">i")
_U64 = struct.Struct(">Q")
_I64 = struct.Struct(">q")


class Reader:
    """Big-endian reads over a memoryview, every one bounds-checked."""

    __slots__ = ("_buf", "_end", "pos")

    def __init__(self, data: Buffer, start: int = 0, end: int | None = None) -> None:
        self._buf = memoryview(data)
        self._end = len(self._buf) if end is None else end
        self.pos = start

    @property
    def remaining(self) -> int:
        return self._end - self.pos

    def _take(self, n: int) -> int:
        p = self.pos
        if n < 0 or p + n > self._end:
            raise TruncatedFrame(f"need {n} bytes at offset {p}, have {self._end - p}")
        self.pos = p + n
        return p

    def u8(self) -> int:
        p = self._take(1)
        return self._buf[p]

    def i8(self) -> int:
        v = self.u8()
        return v - 256 if v > 127 else v

    def u16(self) -> int:
        return int(_U16.unpack_from(self._buf, self._take(2))[0])

    def i16(self) -> int:
        return int(_I16.unpack_from(self._buf, self._take(2))[0])

    def u24(self) -> int:
        p = self._take(3)
        b = self._buf
        return (b[p] << 16) | (b[p + 1] << 8) | b[p + 2]

    def u32(self) -> int:
        return int(_U32.unpack_from(self._buf, self._take(4))[0])

    def i32(self) -> int:
        return int(_I32.unpack_from(self._buf, self._take(4))[0])

    def u64(self) -> int:
        return int(_U64.unpack_from(self._buf, self._take(8))[0])

    def i64(self) -> int:
        return int(_I64.unpack_from(self._buf, self._take(8))[0])

    def uint(self, size: int) -> int:
        """An unsigned big-endian integer of ``size`` bytes."""
        p = self._take(size)
        return int.from_bytes(self._buf[p : p + size], "big")

    def bytes(self, n: int) -> bytes:
        p = self._take(n)
        return bytes(self._buf[p : p + n])

    def skip(self, n: int) -> None:
        self._take(n)

    def unpack(self, layout: struct.Struct) -> tuple[Any, ...]:
        """The fields of ``layout`` at the current position, in one bounds-checked read."""
        return layout.unpack_from(self._buf, self._take(layout.size))

    def repeated(self, layout: struct.Struct, n: int) -> Iterator[tuple[Any, ...]]:
        """``n`` fixed-size items of ``layout`` in a row, bounds-checked once for all of them:
        a per-field read costs more than the field itself where a frame holds hundreds."""
        size = layout.size * n
        p = self._take(size)
        return layout.iter_unpack(self._buf[p : p + size])

    def counted(self, count: struct.Struct, layout: struct.Struct) -> Iterator[tuple[Any, ...]]:
        """A count of ``count``'s width, then that many items of ``layout``: the repeated
        groups of a record (Teltonika's IO elements), one call and one slice per group."""
        p = self.pos
        q = p + count.size
        if q > self._end:
            raise TruncatedFrame(f"need {count.size} bytes at offset {p}, have {self._end - p}")
        end = q + layout.size * count.unpack_from(self._buf, p)[0]
        if end > self._end:
            raise TruncatedFrame(f"need {end - q} bytes at offset {q}, have {self._end - q}")
        self.pos = end
        return layout.iter_unpack(self._buf[q:end])

    def ascii(self, n: int) -> str:
        raw = self.bytes(n)
        try:
            return raw.decode("ascii")
        except UnicodeDecodeError as e:
            raise InvalidField(f"non-ASCII text {raw.hex()}") from e


def bcd(data: Buffer) -> str:
    """Packed BCD digits as a string; a nibble over 9 is the device's fault."""
    out = bytes(data).hex()
    if not out.isdigit():
        raise InvalidField(f"bad BCD {out}")
    return out


def to_bcd(digits: str, size: int) -> bytes:
    """Digits packed as BCD into ``size`` bytes, left-padded with zeros."""
    return bytes.fromhex(digits.rjust(size * 2, "0"))


def unescape(raw: bytes, escape: int, table: dict[int, int]) -> bytes:
    """``raw`` with each ``escape`` byte followed by a key of ``table`` replaced by that key's
    byte (Watch ``}`` escapes, VT200 ``=`` escapes); an escape byte followed by anything else
    is kept as it is."""
    if escape not in raw:
        return raw
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        b = raw[i]
        if b == escape and i + 1 < n and raw[i + 1] in table:
            out.append(table[raw[i + 1]])
            i += 2
        else:
            out.append(b)
            i += 1
    return bytes(out)
