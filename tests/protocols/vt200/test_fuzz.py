"""The fuzz invariant for VT200: any bytes, mutated real frames, random bytes behind real
headers and well-built frames with random data either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.vt200 import PROTOCOL
from fleetwire.protocols.vt200.constants import Type
from fleetwire.protocols.vt200.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="631037309456", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"\x28\x29\x3d\x14\x15")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:11] for f in v.VALID], Transport.TCP, max_size=80, tail=b"\x29"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"\x28", b""))
)


@FUZZ
@given(st.sampled_from([*Type, 0x0088]), st.binary(max_size=80))
def test_well_built_frames_with_random_data(kind: int, data: bytes) -> None:
    frame = build("631037309456", kind, data)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
