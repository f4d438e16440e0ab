"""The fuzz invariant for TZONE: any bytes, mutated real frames, and valid envelopes (right
length, CRC and tail) around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.tzone import PROTOCOL
from fleetwire.protocols.tzone.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="866104020375435", received=NOW)
_HARDWARE = [0x010A, 0x010B, 0x0111, 0x0153, 0x0402, 0x0403, 0x0406, 0x0407, 0x0413, 0x0201]

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a "T", the only byte a frame can start with
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x54), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(st.sampled_from(_HARDWARE), st.binary(min_size=6, max_size=200), st.integers(0, 0xFFFF))
def test_valid_envelope_random_content(hardware: int, content: bytes, index: int) -> None:
    frame = build(0x2424, hardware, bytes(4), "866104020375435", content, index)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(_HARDWARE), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(hardware: int, frame: bytes, data: st.DataObject) -> None:
    """Real blocks cut short, flipped, or given to another hardware type, in a valid envelope."""
    content = bytearray(frame[20:-6])  # RTC .. last block: no envelope
    cut = data.draw(st.integers(0, len(content)))
    body = content[:cut]
    if body:
        body[data.draw(st.integers(0, len(body) - 1))] ^= data.draw(st.integers(1, 255))
    rewrapped = build(0x2424, hardware, bytes(4), "866104020375435", bytes(body), 1)
    assert_clean(PROTOCOL, rewrapped, CTX)
