"""The fuzz invariant for WondeX: any bytes, mutated real frames, and reports with random fields
either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.wondex import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="2000000108", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b",.-$:V0159\r\n\xd0")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"2000000001,20140529213210,", b"$OK:", b"\xd0"], fuzzing.TCP[0], tail=b"\r\n"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.WHOLE,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"0123456789$\xd0")).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.-V", max_size=10)


@FUZZ
@given(st.lists(_FIELD, max_size=18))
def test_report_with_random_fields(fields: list[str]) -> None:
    assert_clean(PROTOCOL, ",".join(["1", "20140529213210", *fields]).encode() + b"\r\n", CTX)
