"""The fuzz invariant for Aplicom: any bytes, mutated real packets, and valid headers around
random data with every selector either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.aplicom import PROTOCOL
from fleetwire.protocols.aplicom.constants import PacketType
from fleetwire.protocols.aplicom.framing import build
from fleetwire.protocols.base import DecodeContext
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="359227050776794", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, alphabet=b"DEFH\x00\xff")
# garbage that holds no possible start: no D, E, F or H
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"DEFH"), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(st.sampled_from(list(PacketType)), st.integers(0, 0xFFFFFF), st.binary(max_size=120))
def test_valid_header_random_data(kind: PacketType, selector: int, data: bytes) -> None:
    frame = build(kind, "359227050776794", selector, data)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
