"""The fuzz invariant for UPRO: any bytes, mutated real messages, and messages with random
blocks either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.upro import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="693502000034964", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, alphabet=b"*&#,0")
# garbage without a '*'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"*", b""))
)

_BLOCK = st.tuples(st.sampled_from("AEMXBFT"), st.text(alphabet="0123456789,;()", max_size=40))


@FUZZ
@given(st.lists(_BLOCK, max_size=6))
def test_random_blocks(blocks: list[tuple[str, str]]) -> None:
    body = "".join(f"&{k}{val}" for k, val in blocks)
    frame = f"*HQ200861810538000002,BA{body}#".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
