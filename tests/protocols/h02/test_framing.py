"""H02 framing: text and binary frames through the shared framer in every shape, binary record
sizes chosen from what follows them, CR/LF after `#`, resync behind garbage, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FrameTooLarge
from fleetwire.protocols.base import NEED_MORE, Session
from fleetwire.protocols.h02 import PROTOCOL
from fleetwire.protocols.h02.framing import frame_length
from tests.protocols.contract import (
    NOW,
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_framing_of_glued_real_frames() -> None:
    assert_framing(
        PROTOCOL,
        [v.V1_WEST, v.BIN_32, v.HTBT, v.NBR, v.BIN_32_SPEED, v.V4_S20_DONE, v.VP1_CELLS, v.BIN_32],
    )


@pytest.mark.parametrize("frame", v.TEXT + v.BINARY_SHORT, ids=lambda f: f[:12].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize("frame", v.BINARY_EXTENDED, ids=lambda f: str(len(f)))
def test_extended_binary_records(frame: bytes) -> None:
    """Longer records end where the next frame starts or where the read ends: whole, glued,
    and behind garbage they come out intact."""
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    stream = frame + v.V1_WEST + frame + v.BIN_32 + frame
    assert framer(PROTOCOL).feed(stream) == [frame, v.V1_WEST, frame, v.BIN_32, frame]
    assert framer(PROTOCOL).feed(b"junk\x00" + frame + v.HTBT) == [frame, v.HTBT]


@pytest.mark.parametrize("frame", v.BINARY_EXTENDED, ids=lambda f: str(len(f)))
def test_extended_binary_prefixes(frame: bytes) -> None:
    """Without a length field, a record cut exactly at a shorter record size cannot be told
    from that record (the one known limit of H02 binary framing, shared by every server);
    every other cut waits, and decode rejects every cut."""
    from fleetwire.protocols.base import DecodeContext

    ctx = DecodeContext(unique_id=None, received=NOW)
    for cut in range(1, len(frame)):
        part = frame[:cut]
        if cut not in (32, 45, 46):
            assert framer(PROTOCOL).feed(part) == [], cut
        if cut not in (32, 42, 45, 46):
            with pytest.raises(DeviceError):
                PROTOCOL.inspect(part, Session())
        if cut not in (32, 45, 46):
            with pytest.raises(DeviceError):
                PROTOCOL.decode(part, ctx)


def test_binary_glued_to_text_in_one_read() -> None:
    # TRACCAR_FRAME: a 32-byte record and a V1 line in one read
    frames = framer(PROTOCOL).feed(v.GLUED)
    assert frames == [v.BIN_32, v.GLUED[32:]]


def test_line_end_after_hash_stays_with_its_frame() -> None:
    assert frame_length(v.WITH_CRLF) == len(v.WITH_CRLF)
    assert framer(PROTOCOL).feed(v.WITH_CRLF + v.HTBT) == [v.WITH_CRLF, v.HTBT]
    # the CR/LF arriving in a later read is skipped as garbage, the frames are unharmed
    fr = framer(PROTOCOL)
    assert fr.feed(v.WITH_CRLF[:-2]) == [v.WITH_CRLF[:-2]]
    assert fr.feed(b"\r\n" + v.HTBT) == [v.HTBT]


def test_header_needs_more_and_garbage() -> None:
    for part in (
        b"",
        b"*",
        b"*H",
        b"*HQ",
        b"*HQ,",
        b"*HQ,123,V1",
        b"$",
        b"$\x41\x06",
        b"$" + bytes(13),
    ):
        assert frame_length(part) == NEED_MORE, part
    assert frame_length(b"abc*HQ,") == -3
    assert frame_length(b"abc$") == -3
    assert frame_length(b"abcdef") == -6
    assert frame_length(b"*1Q,") == -1  # maker code must be letters
    assert frame_length(b"*HQX") == -1
    assert frame_length(b"$\xaa") == -1  # id must be BCD
    assert frame_length(b"*HQ,123,V1,\x00,#") == -11  # control byte: resync there
    assert frame_length(b"*HQ,123,V1*HQ,1,V1#") == -10  # a new start inside: the first is junk


def test_binary_with_an_impossible_clock_is_garbage() -> None:
    bad = bytearray(v.BIN_32)
    bad[6] = 0x25  # hour 25, and no 8-byte-id reading either
    assert frame_length(bytes(bad)) == -1


def test_unterminated_text_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"*HQ,1234567890,V1," + b"1" * PROTOCOL.max_frame_size)
