"""The fuzz invariant for IntelliTrac: any bytes, mutated real lines, random bytes behind real
starts and report lines with random fields either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.intellitrac import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="1010000002", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"0123456789,.-$\r\n")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [v.REPORT[:26], v.POLL[:10]], Transport.TCP, max_size=80, tail=b"\r\n"
)


@FUZZ
@given(st.lists(st.text(alphabet="0123456789.-", max_size=16), min_size=9, max_size=20))
def test_report_lines_with_random_fields(fields: list[str]) -> None:
    line = ",".join(["1010000002", "20030217132813", *fields]) + "\r\n"
    assert_clean(PROTOCOL, line.encode(), CTX)
