"""The fuzz invariant for Castel: any bytes, mutated real frames, and valid envelopes (right
length, CRC and tail) around random or cut real content either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.castel import PROTOCOL
from fleetwire.protocols.castel.decoding import DECODERS
from fleetwire.protocols.castel.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="213EP2016000585", received=NOW)
ID = v.HEARTBEAT[5:25]
_TYPES = sorted({*DECODERS, 0x1003, 0x9001, 0xA002})

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without an '@'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0x41, 0xFF), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=128,
)


@FUZZ
@given(st.sampled_from(_TYPES), st.sampled_from([3, 4, 5]), st.binary(max_size=300))
def test_valid_envelope_random_content(msg_type: int, version: int, data: bytes) -> None:
    frame = build(version, ID, msg_type, data)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(msg_type: int, frame: bytes, data: st.DataObject) -> None:
    content = frame[27:-4]
    cut = data.draw(st.integers(0, len(content)))
    body = bytearray(content[:cut])
    if body:
        body[data.draw(st.integers(0, len(body) - 1))] ^= data.draw(st.integers(1, 255))
    assert_clean(PROTOCOL, build(4, ID, msg_type, bytes(body)), CTX)
