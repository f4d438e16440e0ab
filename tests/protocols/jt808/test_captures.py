"""JT/T 808 on 122 real device messages (tests/protocols/jt808/captures.py): each decodes to
exactly the values written down for it, every record passes the sanity check, every frame with
a sound check code leaves the framer whole and is answered as the standard says, and the frames
where Fleetwire and the reference decoder disagree are exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Session
from fleetwire.protocols.jt808.framing import unescape
from tests.protocols.captures import Capture, all_fields, check_capture, check_framed
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=lambda c: c.hex[:14])
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


_WHOLE = [
    c
    for c in CAPTURES.captures
    if c.expect.get("error") not in ("checksum", "truncated", "framing")
]


@pytest.mark.parametrize("capture", _WHOLE, ids=lambda c: c.hex[:14])
def test_capture_is_framed_and_answered(capture: Capture) -> None:
    """Every frame with a sound check code leaves the framer whole and inspect never fails on
    it; each message the terminal starts is answered (0x8100 or 0x8001), answers are not."""
    check_framed(CAPTURES, capture)
    frame = capture.frame
    uplink = CAPTURES.protocol.inspect(frame, Session())
    if frame[:1] == b"(":  # a lock's text answer: nothing to acknowledge
        assert (uplink.ack, uplink.unique_id) == (b"", frame[1:13].decode())
        return
    msg_id = int.from_bytes(frame[1:3], "big")
    if msg_id in (0x5501, 0x5502):  # Jointech lock reports: 0x4401 when bit 15 asks for it
        assert bool(uplink.ack) == bool(frame[3] & 0x80), hex(msg_id)
        if uplink.ack:
            assert uplink.ack[1:3] == b"\x44\x01" and uplink.ack[-5:-3] == frame[1:3]
        return
    answers = {0x0001, 0x0104, 0x0107, 0x0201}  # of the ids here; vendor ids are answered
    assert bool(uplink.ack) == (msg_id not in answers), hex(msg_id)
    if uplink.ack:
        reply_id = 0x8100 if msg_id == 0x0100 else 0x8001
        assert int.from_bytes(uplink.ack[1:3], "big") == reply_id


def test_lock_time_request_gets_the_time() -> None:
    """A lock's "(...,BASE,2,TIME)" (capture #45) comes back with TIME as the server's UTC
    time, and gives no record."""
    frame = b"(794104004140,1,001,BASE,2,TIME)"
    assert framer(CAPTURES.protocol).feed(frame + b"\x7e") == [frame]
    session = Session(received_us=1_767_225_600_000_000)  # 2026-01-01 00:00:00 UTC
    uplink = CAPTURES.protocol.inspect(frame, session)
    assert uplink.ack == b"(794104004140,1,001,BASE,2,20260101000000)"
    assert uplink.unique_id == "794104004140"


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 108


_BINARY = [c for c in _WHOLE if c.frame[:1] == b"\x7e"]


@pytest.mark.parametrize("capture", _BINARY, ids=lambda c: c.hex[:14])
def test_capture_without_escaping_reads_the_same(capture: Capture) -> None:
    """The same frames as firmware that does not escape sends them (and as the reference
    decoder's tests hold them): bare 7E and 7D bytes inside; the length field and check code
    still find the frame whole and it decodes to the same records."""
    frame = capture.frame
    bare = b"\x7e" + unescape(frame[1:-1]) + b"\x7e"
    assert framer(CAPTURES.protocol).feed(bare) == [bare]
    assert _outcome(bare, capture) == _outcome(frame, capture)


def _outcome(frame: bytes, capture: Capture) -> list[dict[str, object]] | str:
    try:
        return [all_fields(r) for r in CAPTURES.protocol.decode(frame, CAPTURES.context(capture))]
    except DeviceError as e:
        return e.reason
