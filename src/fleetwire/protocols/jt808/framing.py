"""The JT/T 808 wire envelope: where a frame ends in a stream, checking one, building one.

`7E | header | body | XOR check code | 7E`, with 7E/7D inside escaped as 7D 02 / 7D 01 after the
check code is computed. The header is 12 bytes (2011/2013) or 17 (2019: attribute bit 14, a
version byte, a 10-byte phone), plus 4 when the body is sub-packaged. This module knows the
envelope only, never what a message id means.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from fleetwire.errors import ChecksumError, FramingError, TruncatedFrame
from fleetwire.protocols._binary import Buffer, xor8
from fleetwire.protocols.base import NEED_MORE

from .constants import (
    BODY_LENGTH_MASK,
    ENCRYPTION_MASK,
    FLAG,
    HEADER_2013,
    HEADER_2019,
    LOCK_HEADER,
    LOCK_IDS,
    MAX_FRAME_SIZE,
    MAX_TEXT,
    MIN_UNESCAPED,
    PHONE_2013,
    PHONE_2019,
    SUBPACKAGE_BIT,
    SUBPACKAGE_FIELDS,
    TEXT_CLOSE,
    TEXT_OPEN,
    VERSION_BIT,
)

_FLAG_RE: Final = re.compile(b"\x7e")  # re scans a memoryview without copying it
_FLAG_BYTE: Final = b"\x7e"
_ESC_BYTE: Final = b"\x7d"


class Envelope(NamedTuple):
    """A checked, unescaped frame: header fields and where the body lies in ``data``."""

    data: bytes  # unescaped header + body + check code
    msg_id: int
    attrs: int
    version: int | None  # protocol version byte of a 2019 header, None before 2019
    phone: bytes  # the raw BCD phone field (6 or 10 bytes), echoed in our replies
    serial: int
    start: int  # first body byte in ``data``
    end: int  # one past the last body byte

    @property
    def short_header(self) -> bool:
        """A Jointech lock report (0x5501/0x5502): its header's attribute word keeps only
        the body length of the standard's; its other bits are the lock's own."""
        return self.msg_id in LOCK_IDS

    @property
    def subpackaged(self) -> bool:
        return not self.short_header and bool(self.attrs & SUBPACKAGE_BIT)

    @property
    def encrypted(self) -> bool:
        return not self.short_header and bool(self.attrs & ENCRYPTION_MASK)


def escape(data: bytes) -> bytes:
    return data.replace(_ESC_BYTE, b"\x7d\x01").replace(_FLAG_BYTE, b"\x7d\x02")


_ESCAPED_RE: Final = re.compile(b"\x7d[\x01\x02]")


def _unescaped(m: re.Match[bytes]) -> bytes:
    return _FLAG_BYTE if m.group()[1] == 0x02 else _ESC_BYTE


def unescape(inner: bytes) -> bytes:
    """Undo the escaping of the bytes between the flags. A 7D not followed by 01 or 02 is kept
    as it is: firmware that forgets to escape a 7D exists, and the check code, not the escaping,
    decides whether the frame is sound."""
    if _ESC_BYTE not in inner:
        return inner
    return _ESCAPED_RE.sub(_unescaped, inner)


def header_size(attrs: int) -> int:
    size = HEADER_2019 if attrs & VERSION_BIT else HEADER_2013
    return size + SUBPACKAGE_FIELDS if attrs & SUBPACKAGE_BIT else size


def _plausible(data: bytes) -> bool:
    """Whether unescaped bytes look like a frame: long enough, and either the check code or
    the header's body length agrees. Either alone is enough: a corrupted frame (length right,
    check code wrong) must still come out whole to be refused as evidence, and some firmware
    declares a body length one off (see open_frame) behind a correct check code."""
    if len(data) < MIN_UNESCAPED:
        return False
    attrs = (data[2] << 8) | data[3]
    if header_size(attrs) + (attrs & BODY_LENGTH_MASK) + 1 == len(data):
        return True
    return xor8(memoryview(data)[:-1]) == data[-1]


def _sound(data: bytes) -> bool:
    """The header's body length and the check code both agree: a stricter _plausible, for
    bytes that holding a bare 7D or 7E are not escaped as the standard says. The length may be
    one byte off, as some firmware has it (see open_frame), only where no 7D is in play: one
    escape sequence read raw makes the frame one byte longer and flips bit 0 of the check code,
    so a corrupted escaped frame could pass."""
    if len(data) < MIN_UNESCAPED:
        return False
    attrs = (data[2] << 8) | data[3]
    off = len(data) - header_size(attrs) - (attrs & BODY_LENGTH_MASK) - 1
    if off != 0 and (abs(off) != 1 or _ESC_BYTE in data):
        return False  # the cheap test first: garbage rarely gets past it
    return xor8(memoryview(data)[:-1]) == data[-1]


def _escaped(inner: bytes) -> bool:
    """Whether every 7D starts an escape sequence, as the standard has it."""
    return inner.count(_ESC_BYTE) == inner.count(b"\x7d\x01") + inner.count(b"\x7d\x02")


def _framed(inner: bytes) -> bool:
    """Whether the bytes between two 7E make a frame: escaped as the standard says and
    plausible; or, holding a bare 7D, sound read either way."""
    if _ESC_BYTE not in inner:
        return _plausible(inner)
    if _escaped(inner):
        return _plausible(unescape(inner)) or _sound(inner)
    return _sound(unescape(inner)) or _sound(inner)


def _declared(inner: bytes) -> int:
    """The bytes between the flags the header's attributes promise (0 if too short to say)."""
    if len(inner) < 4:
        return 0
    attrs = (inner[2] << 8) | inner[3]
    return header_size(attrs) + (attrs & BODY_LENGTH_MASK) + 1


_TEXT_END_RE: Final = re.compile(b"[)\x7e]")


def _text_length(buf: Buffer) -> int:
    """A lock's ASCII "(...)" message on the same connection (see text_message): up to its ")";
    a 7E first, or no ")" within MAX_TEXT, makes the "(" garbage to skip."""
    m = _TEXT_END_RE.search(buf, 1, MAX_TEXT)
    if m is None:
        return NEED_MORE if len(buf) < MAX_TEXT else -1
    return m.end() if buf[m.start()] != FLAG else -m.start()


def is_text(frame: bytes) -> bool:
    """Whether a frame is a lock's "(...)" text message rather than a 7E frame."""
    return len(frame) >= 2 and frame[0] == TEXT_OPEN and frame[-1] == TEXT_CLOSE


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next frame (see base.NEED_MORE).

    A frame runs from a 7E to the next 7E. A candidate that is not plausible (see _plausible)
    may be a frame of firmware that does not escape: read as it is, or up to the 7E where its
    header says it ends (a bare 7E inside), it is taken when its length field and check code
    both agree (_sound). Otherwise it is skipped up to (not including) its closing 7E, which
    may open the next frame: that is how a lost end flag or garbage holding a 7E resynchronises
    without losing the frame after it.
    """
    n = len(buf)
    if n == 0:
        return NEED_MORE
    if buf[0] == TEXT_OPEN:
        return _text_length(buf)
    if buf[0] != FLAG:
        m = _FLAG_RE.search(buf)
        return -(m.start() if m else n)
    m = _FLAG_RE.search(buf, 1)
    if m is None:
        return NEED_MORE
    end = m.end()
    inner = bytes(buf[1 : end - 1])
    if _framed(inner):
        return end
    if len(inner) < HEADER_2013:
        return -(end - 1)  # a bare 7E is looked for past the header only: garbage is cheap
    # a bare 7E inside: the frame ends where its header says, one byte either way
    declared = _declared(inner)
    for longer in (declared + 2, declared + 1, declared + 3):
        fits = end < longer <= min(n, MAX_FRAME_SIZE) and buf[longer - 1] == FLAG
        if fits and _sound(bytes(buf[1 : longer - 1])):
            return longer
    return -(end - 1)


def open_frame(frame: bytes) -> Envelope:
    """Check a whole frame's flags, escaping, check code and header; raise the device's
    error otherwise."""
    n = len(frame)
    if n < 2 or frame[0] != FLAG or frame[-1] != FLAG:
        if n and frame[0] != FLAG:
            raise FramingError(f"bad start flag {frame[:1].hex()}")
        raise TruncatedFrame(f"{n} bytes without both 7E flags")
    inner = frame[1:-1]
    data = unescape(inner)
    if len(data) < MIN_UNESCAPED:
        raise TruncatedFrame(f"{len(data)} unescaped bytes is no JT/T 808 frame")
    expected = data[-1]
    actual = xor8(memoryview(data)[:-1])
    if actual != expected and data is not inner and _sound(inner):
        data = inner  # firmware that does not escape (see frame_length): its check code agrees
    elif actual != expected:
        raise ChecksumError(f"check code {expected:02x} in frame, {actual:02x} computed")
    attrs = (data[2] << 8) | data[3]
    msg_id = (data[0] << 8) | data[1]
    if msg_id in LOCK_IDS:
        return _lock_envelope(data, msg_id, attrs)
    head = header_size(attrs)
    # The body runs to the check code whatever the header's length field says: the flags
    # delimit the frame and the check code vouches for it, and captured Huabao lock firmware
    # (traccar HuabaoProtocolDecoderTest) declares one byte less than it sends.
    if len(data) < head + 1:
        raise TruncatedFrame(f"{len(data)} bytes cannot hold a {head}-byte header")
    if attrs & VERSION_BIT:
        version: int | None = data[4]
        phone = data[5 : 5 + PHONE_2019]
        serial_at = 5 + PHONE_2019
    else:
        version = None
        phone = data[4 : 4 + PHONE_2013]
        serial_at = 4 + PHONE_2013
    serial = (data[serial_at] << 8) | data[serial_at + 1]
    return Envelope(data, msg_id, attrs, version, phone, serial, head, len(data) - 1)


def _lock_envelope(data: bytes, msg_id: int, attrs: int) -> Envelope:
    """0x5501/0x5502 of Jointech locks: id(2) attrs(2) phone(6) serial(1), whatever the attribute
    bits say (captures #25, #37: a 1-byte serial is what makes the body length agree)."""
    if len(data) < LOCK_HEADER + 1:
        raise TruncatedFrame(f"{len(data)} bytes cannot hold a {LOCK_HEADER}-byte header")
    phone = data[4 : 4 + PHONE_2013]
    return Envelope(data, msg_id, attrs, None, phone, data[4 + PHONE_2013], LOCK_HEADER,
                    len(data) - 1)  # fmt: skip


def phone_id(phone: bytes) -> str:
    """The device identity: the phone field's digits without leading zeros, so that a 2013
    (12-digit) and a 2019 (20-digit) header of the same number give the same id. Nibbles over 9
    are kept as hex digits: some firmware puts a hex serial there, and refusing it helps no one."""
    return phone.hex().lstrip("0") or "0"


def build_frame(
    msg_id: int, body: bytes, phone: bytes, serial: int, version: int | None = None
) -> bytes:
    """A whole escaped frame around ``body``; a 10-byte phone or a version makes it 2019."""
    attrs = len(body)
    if version is not None:
        head = bytes((msg_id >> 8, msg_id & 0xFF, (attrs | VERSION_BIT) >> 8, attrs & 0xFF))
        head += bytes((version,)) + phone
    else:
        head = bytes((msg_id >> 8, msg_id & 0xFF, attrs >> 8, attrs & 0xFF)) + phone
    data = head + (serial & 0xFFFF).to_bytes(2, "big") + body
    return _FLAG_BYTE + escape(data + bytes((xor8(data),))) + _FLAG_BYTE
