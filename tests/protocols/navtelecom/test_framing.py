"""Navtelecom framing: real NTCB packets and a real ~A through the shared framer in every shape,
resync on the NTCB header checksum, the one-byte ping, the empty packet, and the size cap.

Navis hands out this framing as it is (protocols/navis/framing.py), so the shape tests run here
over both protocols, each with its own real frames; tests/protocols/navis/test_framing.py keeps
only what Navis' own session adds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple

import pytest

from fleetwire.model import Record
from fleetwire.protocols import navis
from fleetwire.protocols.base import NEED_MORE, Session, TrackerProtocol
from fleetwire.protocols.framing import Framer
from fleetwire.protocols.navtelecom import PROTOCOL, Device
from fleetwire.protocols.navtelecom.constants import CURRENT, FLEX_START, MAX_FRAME_SIZE
from fleetwire.protocols.navtelecom.device import bitfield
from fleetwire.protocols.navtelecom.framing import build_flex, crc8, frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer
from tests.protocols.navis import vectors as navis_v

from . import vectors as v


class Sharer(NamedTuple):
    """A protocol framed by this framing, with its own real frames."""

    protocol: TrackerProtocol
    valid: list[bytes]
    ntcb: list[bytes]
    sessions: list[list[bytes]]


SHARERS = [
    Sharer(PROTOCOL, v.VALID, v.NTCB, [[v.LOGIN, v.FLEX, v.ARRAY, v.ANSWER, v.ARRAY], v.NTCB]),
    Sharer(
        navis.PROTOCOL,
        navis_v.VALID,
        navis_v.NTCB,
        [
            navis_v.NTCB,
            [navis_v.LOGIN, navis_v.SINGLE_F52, b"\x7f", navis_v.ARRAY_F60, navis_v.ARRAY_F52],
        ],
    ),
]


def each(frames: Callable[[Sharer], list[bytes]]) -> list[object]:
    """(protocol, frame) for each sharer's frames."""
    return [
        pytest.param(s.protocol, f, id=f"{s.protocol.name}-{f[:20].hex()}")
        for s in SHARERS
        for f in frames(s)
    ]


@pytest.mark.parametrize("sharer", SHARERS, ids=lambda s: s.protocol.name)
def test_sessions_of_real_frames_glued(sharer: Sharer) -> None:
    for session in sharer.sessions:
        assert_framing(sharer.protocol, session)


@pytest.mark.parametrize(("protocol", "frame"), each(lambda s: s.valid))
def test_every_frame_whole(protocol: TrackerProtocol, frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(protocol).feed(frame) == [frame]


@pytest.mark.parametrize(("protocol", "frame"), each(lambda s: s.ntcb))
def test_every_ntcb_prefix(protocol: TrackerProtocol, frame: bytes) -> None:
    assert_prefixes_need_more_or_fail(protocol, frame)


def test_every_array_prefix_needs_more() -> None:
    """No strict prefix of the real ~A ends where its CRC-8, record count and next byte fit."""
    for cut in range(1, len(v.ARRAY)):
        assert framer(PROTOCOL).feed(v.ARRAY[:cut]) == [], cut


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", NEED_MORE),
        (b"@", NEED_MORE),
        (b"@NT", NEED_MORE),
        (b"@NX", -1),
        (b"~", NEED_MORE),
        (b"~A", NEED_MORE),
        (b"~Z", -1),  # no such FLEX message
        (b"~A\x00", -1),  # an array of no records
        (b"\x7f", 1),  # the keep-alive byte
        (b"x", -1),
    ],
)
def test_frame_length(head: bytes, expected: int) -> None:
    assert frame_length(memoryview(head)) == expected


def test_resync_on_a_bad_header_checksum() -> None:
    fake = bytearray(v.LOGIN)
    fake[15] ^= 0xFF
    fr = framer(PROTOCOL)
    assert fr.feed(bytes(fake[:16]) + v.LOGIN) == [v.LOGIN]


def test_ping_then_array() -> None:
    assert framer(PROTOCOL).feed(b"\x7f" + v.ARRAY) == [b"\x7f", v.ARRAY]


def test_an_empty_ntcb_packet_is_one_frame() -> None:
    """A body of length 0 is the NTCB keep-alive: a 16-byte header alone."""
    head = bytearray(v.LOGIN[:12] + b"\x00\x00\x00\x00")  # length 0, the empty body's XOR 0
    for b in head[:15]:
        head[15] ^= b
    assert frame_length(bytes(head)) == 16


def test_size_cap() -> None:
    assert PROTOCOL.max_frame_size == MAX_FRAME_SIZE == 16 + 0xFFFF


def test_a_negotiated_connection_cuts_flex_at_its_record_size() -> None:
    """Record bytes can imitate a FLEX end (a byte equal to the CRC-8 so far, then a byte that
    starts a message). A framer that has seen the connection's *>FLEX is not fooled: the same
    frame that the CRC search cuts short is cut whole, and the device is not left resending a
    frame that can never be accepted."""
    dev = Device("866795031410689")
    session = Session()
    for frame, _ in dev.handshake():
        PROTOCOL.inspect(frame, session)
    size = len(dev.report([dev_record()])[0]) - 4  # "~A", count, the record, CRC-8
    k = 5  # the imitation sits in the record's 6th and 7th bytes
    record = bytearray(size)
    record[k] = crc8(bytes((FLEX_START, CURRENT)) + bytes(record[:k]))
    record[k + 1] = FLEX_START
    frame = build_flex(CURRENT, b"", bytes(record))
    assert frame_length(frame) == 2 + k + 1  # fooled without the layout
    cut = Framer(PROTOCOL.session_framing(session), MAX_FRAME_SIZE).feed(frame + v.ANSWER)
    assert cut == [frame, v.ANSWER]
    up = PROTOCOL.inspect(frame, session)
    assert (up.records, up.context) == (1, bitfield())


def dev_record() -> Record:
    return Record(fix_time=datetime(2025, 3, 1, tzinfo=UTC), valid=True, latitude=55.0,
                  longitude=37.0)  # fmt: skip
