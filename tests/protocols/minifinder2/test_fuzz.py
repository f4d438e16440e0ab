"""The fuzz invariant for MiniFinder: any bytes, mutated real frames, and valid envelopes (right
length and CRC) around random keys either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.minifinder2 import PROTOCOL
from fleetwire.protocols.minifinder2.constants import Message
from fleetwire.protocols.minifinder2.framing import build, record
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="862771076878340", received=NOW)
_KEYS = [0x01, 0x02, 0x10, 0x20, 0x24, 0x37, 0x2C]

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without the AB header byte
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 0xAA), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(
    st.sampled_from(sorted(Message)),
    st.lists(st.tuples(st.sampled_from(_KEYS), st.binary(max_size=30)), max_size=6),
    st.binary(max_size=8),
)
def test_valid_envelope_random_keys(
    message: int, fields: list[tuple[int, bytes]], tail: bytes
) -> None:
    body = bytes((message,)) + b"".join(record(k, value) for k, value in fields) + tail
    frame = build(0x10, 7, body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
