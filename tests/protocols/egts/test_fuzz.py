"""The fuzz invariant for EGTS: any bytes, mutated real packets, and valid packets (right
CRCs) around random records and subrecords either parse or raise the protocol's DeviceError;
every record decoded passes the sanity check."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.egts import PROTOCOL
from fleetwire.protocols.egts.framing import build_packet
from fleetwire.protocols.egts.teledata import SUBRECORDS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id=None, received=NOW)
SHORT = [f for f in v.VALID if len(f) < 400]

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, SHORT, alphabet=b"\x00\x01\xff")
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, SHORT, st.lists(st.integers(2, 255), max_size=40).map(bytes), max_chunk=64
)

_TYPES = st.sampled_from([0, 1, 3, 5, 9, 16, 51, *SUBRECORDS, 99])


@st.composite
def record(draw: st.DrawFn) -> bytes:
    subs = draw(st.lists(st.tuples(_TYPES, st.binary(max_size=30)), max_size=4))
    rd = b"".join(struct.pack("<BH", t, len(d)) + d for t, d in subs)
    flags = draw(st.integers(0, 255))
    extra = draw(st.binary(min_size=12, max_size=12))
    head = struct.pack("<HHB", len(rd), draw(st.integers(0, 0xFFFF)), flags)
    head += extra[: 4 * bin(flags & 0x07).count("1")]
    return head + bytes(draw(st.sampled_from([(1, 1), (2, 2), (4, 4), (2, 9)]))) + rd


@FUZZ
@given(st.lists(record(), max_size=4), st.sampled_from([0, 1, 2]), st.binary(max_size=3))
def test_valid_packets_of_random_records(records: list[bytes], pt: int, tail: bytes) -> None:
    lead = b"\x00\x00\x00" if pt == 0 else b"\x01\x00a" if pt == 2 else b""
    frame = build_packet(1, pt, lead + b"".join(records) + tail)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(SHORT), st.data())
def test_real_records_changed_behind_valid_crcs(frame: bytes, data: st.DataObject) -> None:
    body = bytearray(frame[11:-2])
    if not body:
        return
    cut = data.draw(st.integers(0, len(body)))
    body = body[:cut] if data.draw(st.booleans()) else body
    if body:
        i = data.draw(st.integers(0, len(body) - 1))
        body[i] ^= data.draw(st.integers(1, 255))
    assert_clean(PROTOCOL, build_packet(1, frame[9], bytes(body)), CTX)
