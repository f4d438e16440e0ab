"""The fuzz invariant for BOX: any bytes and mutated real lines parse or raise the
DeviceError; real lines behind garbage come out whole."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.box import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.LINES, alphabet=b",;.-G0123456789"
)
# lower-case letters can start no message
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.LINES, st.lists(st.integers(0x61, 0x7A), max_size=30).map(bytes)
)
