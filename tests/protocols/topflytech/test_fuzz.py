"""The fuzz invariant for Topflytech: any bytes, mutated real text and binary frames, and
well-formed text messages with random fields either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.topflytech import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="880316890094910", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"0123456789AVNSEW.()#%\x00\xff"
)


test_random_bytes_behind_a_text_start = fuzzing.behind_heads_test(
    PROTOCOL, [v.TEXT[:20]], Transport.TCP, max_size=120
)


@FUZZ
@given(st.text(alphabet="0123456789.ANSVEW", max_size=60))
def test_well_framed_text_with_random_fields(body: str) -> None:
    frame = b"(880316890094910BP00" + body.encode() + b")"
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
