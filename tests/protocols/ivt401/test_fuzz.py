"""The fuzz invariant for iVT401: any bytes, mutated real reports, and streams of reports
behind garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.ivt401 import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"(),.+-0123456789", fuzzing.TCP_UDP
)
# garbage without `(`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x28), max_size=40).map(bytes),
)
