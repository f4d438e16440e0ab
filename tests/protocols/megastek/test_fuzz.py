"""The fuzz invariant for Megastek: any bytes, mutated real lines, and reports with random
fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.megastek import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="860719020193193", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b"$,.;!*0159AVNSEW\r\n")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"$MGV002,1,", b"STX,1,$GPRMC,", b"STX1  $GPRMC,", b"0150$MGV002,"],
    fuzzing.TCP[0], tail=b"\r\n",
)  # fmt: skip
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.WHOLE,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"$SLc0123456789")).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.ABCDEFNSWV-", max_size=12)


@FUZZ
@given(st.sampled_from([b"$MGV002", b"STX,1,$GPRMC", b"STX1  $GPRMC"]),
       st.lists(_FIELD, max_size=40))  # fmt: skip
def test_report_with_random_fields(head: bytes, fields: list[str]) -> None:
    assert_clean(PROTOCOL, b",".join([head, *(f.encode() for f in fields)]) + b";!\r\n", CTX)
