"""The fuzz invariant for Mobilogix: any bytes, mutated real messages, and messages with random
fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.mobilogix import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="201951132044", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b"[],.-:T0159F")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"[2021-08-20 19:27:14,T14,1,V1,1,", b"[2021-08-20 19:27:14,"], fuzzing.TCP[0],
    tail=b"]",
)  # fmt: skip
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.WHOLE, st.lists(st.integers(0, 255).filter(lambda b: b != 0x5B)).map(bytes)
)

_FIELD = st.text(alphabet="0123456789.-ABCDEFT", max_size=10)


@FUZZ
@given(st.lists(_FIELD, max_size=16))
def test_message_with_random_fields(fields: list[str]) -> None:
    frame = ",".join(["[2021-08-20 19:27:14", *fields]).encode() + b"]"
    assert_clean(PROTOCOL, frame, CTX)
