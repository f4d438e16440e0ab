"""The fuzz invariant for KHD: any bytes, mutated real frames, random bytes behind real headers
and well-framed frames (right length, tail and XOR) with random parameters either parse or
raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.khd import PROTOCOL
from fleetwire.protocols.khd.constants import Command
from fleetwire.protocols.khd.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="02668373", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"\x29\x0d\x80\x00\x99")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:9] for f in v.VALID], Transport.TCP, max_size=80
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"\x29", b""))
)


@FUZZ
@given(st.sampled_from(list(Command)), st.binary(max_size=60))
def test_well_framed_frames_with_random_parameters(command: Command, body: bytes) -> None:
    frame = build(command, body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
