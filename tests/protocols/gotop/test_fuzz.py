"""The fuzz invariant for GoTop: any bytes, mutated real messages, and streams of messages
behind garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.gotop import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"#,.:-0123456789AVNSEW", fuzzing.TCP_UDP
)
# garbage without digits
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: not 0x30 <= b <= 0x39), max_size=40).map(bytes),
)
