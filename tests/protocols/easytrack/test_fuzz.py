"""The fuzz invariant for EasyTrack: any bytes and mutated real messages parse or raise the
DeviceError; real messages behind garbage come out whole."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.easytrack import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.MESSAGES, alphabet=b",#*0123456789ABCDEFV"
)
# garbage without '*'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.MESSAGES, st.lists(st.integers(0x2B, 0x7E), max_size=30).map(bytes)
)
