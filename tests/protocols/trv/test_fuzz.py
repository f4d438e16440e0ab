"""The fuzz invariant for TRV: any bytes, mutated real messages, and streams of messages behind
garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.trv import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="353456789012345", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"#,.|0123456789AVNSEW")
# garbage without `T` or `I`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"TI"), max_size=40).map(bytes),
)


@FUZZ
@given(
    st.sampled_from(["AP01", "AP10", "YP14", "AP02", "AP03", "CP01", "AP49", "APHT", "APHP"]),
    st.text(alphabet="0123456789.,|AVNSEW", max_size=120),
)
def test_random_content_after_each_head(head: str, content: str) -> None:
    assert_clean(PROTOCOL, f"TRV{head}{content}#".encode(), CTX)
