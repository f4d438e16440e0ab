"""The fuzz invariant for TAIP: any bytes, mutated real sentences, and reports with random data
either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.taip import PROTOCOL
from fleetwire.protocols.taip.layouts import LAYOUTS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="0017", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b">R<;*#=+-.,0159")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b">RPV", b">REV00", b">RGP", b">RUS00,"], fuzzing.TCP[0], tail=b";ID=1<"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.WHOLE, st.lists(st.integers(0, 255).filter(lambda b: b != 0x3E)).map(bytes)
)


@FUZZ
@given(st.sampled_from(sorted(LAYOUTS)), st.text(alphabet="0123456789+-.,", max_size=80),
       st.sampled_from(["", ";SV=8", ";BL=4100;VO=1", ";AD=x"]))  # fmt: skip
def test_report_with_random_data(message: str, data: str, tags: str) -> None:
    assert_clean(PROTOCOL, f">R{message}{data}{tags};ID=1<".encode(), CTX)
