"""The fuzz invariant for ARNAVI: any bytes, mutated real frames, valid packages around random
packets and around random runs of tags either parse or raise the DeviceError."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.arnavi import PROTOCOL
from fleetwire.protocols.arnavi.framing import build_package, build_packet
from fleetwire.protocols.base import DecodeContext
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="861785007918323", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"\x5b\x01", b"\x5b\x01\x01", b"\xff\x23"], fuzzing.TCP[0], tail=b"\x5d"
)
# garbage without a start byte (5B, FF)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0x00, 0xFE).filter(lambda b: b != 0x5B), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(
    st.integers(0, 0xFF),
    st.lists(st.tuples(st.sampled_from([1, 3, 4, 6, 9]), st.binary(max_size=60)), max_size=4),
    st.integers(0, 0xFFFFFFFF),
)
def test_valid_package_random_packets(parcel: int, found: list[tuple[int, bytes]], t: int) -> None:
    frame = build_package(parcel, b"".join(build_packet(k, t, d) for k, d in found))
    if parcel != 0xFD:
        assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from([1, 3, 4, 5, 6, 9, 0x5B, 0x5D]), st.integers(0, 2**32 - 1))),
    st.integers(946_684_800, 4_000_000_000),
)
def test_random_runs_of_tags(pairs: list[tuple[int, int]], t: int) -> None:
    body = b"".join(struct.pack("<BI", tag, value) for tag, value in pairs)
    assert_clean(PROTOCOL, build_package(1, build_packet(1, t, body)), CTX)
