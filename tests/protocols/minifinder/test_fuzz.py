"""The fuzz invariant for MiniFinder text: any bytes, mutated real messages, and streams of
messages behind garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.minifinder import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"!;,/:.-0123456789")
# garbage without `!`, `;` or the binary header
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 0x7F).filter(lambda b: b not in b"!;"), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)
