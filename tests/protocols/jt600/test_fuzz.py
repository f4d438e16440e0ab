"""The fuzz invariant for JT600: any bytes, mutated real binary and text frames, random bytes
behind real headers, and well-formed text messages with random fields either parse or raise
the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.jt600 import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="3301210003", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"0123456789TFANSEW.,()%$\x00\xff"
)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [v.SHORT_ONE[:10], v.LONG_35[:10], v.U01[:16]], Transport.TCP, max_size=120
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"$", b"").replace(b"(", b""))
)


@FUZZ
@given(
    st.sampled_from(["U01", "U02", "U06", "W01", "P45", "U04", "@JT"]),
    st.lists(st.text(alphabet="0123456789.-TFANSEWV%", max_size=12), max_size=20),
)
def test_well_framed_text_with_random_fields(kind: str, fields: list[str]) -> None:
    frame = ("(3301210003," + ",".join([kind, *fields]) + ")").encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
