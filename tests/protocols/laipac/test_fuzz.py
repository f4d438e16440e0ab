"""The fuzz invariant for Laipac: any bytes, mutated real sentences, and reports with random
fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.laipac import PROTOCOL
from fleetwire.protocols.laipac.framing import sentence
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="99999999", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b"$,.*0159AVNSEWarp\r\n")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"$AVRMC,1,", b"$ECHK,", b"$AVSYS,"], fuzzing.TCP[0], tail=b"*00\r\n"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.WHOLE, st.lists(st.integers(0, 255).filter(lambda b: b != 0x24)).map(bytes)
)

_FIELD = st.text(alphabet="0123456789.ABCDEFNSWVarpv", max_size=12)


@FUZZ
@given(st.lists(_FIELD, max_size=22))
def test_report_with_random_fields(fields: list[str]) -> None:
    assert_clean(PROTOCOL, sentence(",".join(["$AVRMC", "1", *fields])), CTX)
