"""The fuzz invariant for V680: any bytes and mutated real reports parse or raise the
DeviceError; real reports behind garbage come out whole."""

from __future__ import annotations

from hypothesis import strategies as st

from fleetwire.protocols.v680 import PROTOCOL
from tests.protocols import fuzzing

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.REPORTS, alphabet=b"#,.0123456789ENSWV"
)
# garbage without '#'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.REPORTS, st.lists(st.integers(0x24, 0x7E), max_size=30).map(bytes)
)
