"""Cellocator framing: real messages through the shared framer in every shape, resync on the
"MCGP" system code, types of unsourced length kept up to the next message, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FrameTooLarge
from fleetwire.protocols.base import NEED_MORE, DecodeContext, FrameKind, Session
from fleetwire.protocols.cellocator import PROTOCOL
from fleetwire.protocols.cellocator.constants import MAX_FRAME_SIZE, UNIT_ID_OFFSET
from fleetwire.protocols.cellocator.framing import build, frame_length
from tests.protocols.contract import (
    NOW,
    assert_framing,
    assert_prefixes_need_more_or_fail,
    framer,
)

from . import vectors as v


def test_session_of_real_frames_glued() -> None:
    assert_framing(PROTOCOL, v.VALID)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:16].hex())
def test_every_frame_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"M", NEED_MORE),
        (b"MCG", NEED_MORE),
        (b"MCGP", NEED_MORE),
        (b"MCGP\x00", 70),  # Type 0 is always 70 bytes
        (b"MCGP\x0b" + bytes(8), NEED_MORE),  # Type 11 before its length
        (b"MCGP\x0b" + bytes(8) + b"\x02\x01", 15 + 0x0102 + 1),
        (b"MCGS\x00", -1),  # the SMS system code never comes over a socket
        (b"X", -1),
        (b"MCGP\x09", NEED_MORE),  # Type 9's length is not sourced: it runs to the next "MCGP"
        (b"MCGP\x09" + bytes(20) + b"MCGP", 25),
        (b"MCGP\x09MCGP", -1),  # a system code inside a header: not a message, resync
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_after_garbage_and_unknown_types() -> None:
    fr = framer(PROTOCOL)
    garbage = b"MCG\x00MCGP\x09junk"
    assert fr.feed(garbage + v.VENDOR_STATUS + v.TRACCAR_MODULAR) == [
        v.VENDOR_STATUS,
        v.TRACCAR_MODULAR,
    ]
    assert fr.take_garbage() == garbage


def test_not_mcgp_capture_is_skipped() -> None:
    assert framer(PROTOCOL).feed(v.TRACCAR_NOT_MCGP + v.VENDOR_STATUS) == [v.VENDOR_STATUS]


def test_size_cap_is_the_16_bit_length() -> None:
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE == 15 + 0xFFFF + 1
    head = b"MCGP\x0b" + bytes(8) + b"\xff\xff"
    assert frame_length(head) == MAX_FRAME_SIZE
    with pytest.raises(FrameTooLarge):
        type(framer(PROTOCOL))(PROTOCOL.frame_length, 1024).feed(head)


def test_a_message_of_an_unsourced_type_is_kept_not_skipped() -> None:
    """Type 9 (modular) has no sourced length: it runs to the next system code, is checked by
    its checksum, stored without a reply and decoded to nothing until a decoder knows it, so a
    later replay can read it; the Type 0 message after it is unaffected."""
    unit = v.VENDOR_STATUS[UNIT_ID_OFFSET : UNIT_ID_OFFSET + 4]
    modular = build(b"\x09" + unit + bytes(12))  # type, unit id, numerator, a body
    assert framer(PROTOCOL).feed(modular) == []  # its end is the next message's start
    assert framer(PROTOCOL).feed(modular + v.VENDOR_STATUS) == [modular, v.VENDOR_STATUS]
    up = PROTOCOL.inspect(modular, Session())
    assert (up.kind, up.ack) == (FrameKind.OTHER, b"")
    assert up.unique_id == str(int.from_bytes(unit, "little"))
    assert PROTOCOL.decode(modular, DecodeContext(up.unique_id, NOW)) == []
    with pytest.raises(ChecksumError):  # still checked
        PROTOCOL.inspect(modular[:-1] + bytes((modular[-1] ^ 1,)), Session())
