"""The fuzz invariant for Ruptela: any bytes, mutated real frames, and valid envelopes (right
length and CRC) around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.ruptela import PROTOCOL
from fleetwire.protocols.ruptela.decoding import DECODERS
from fleetwire.protocols.ruptela.framing import device_packet
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="868324023580306", received=NOW)
_COMMANDS = sorted({*DECODERS, 15, 16, 37})

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage of bytes that cannot start an IMEI (never 00 0x)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0x04, 0xFF), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(st.sampled_from(_COMMANDS), st.binary(max_size=200), st.integers(0, 10**15 - 1))
def test_valid_envelope_random_content(command: int, content: bytes, imei: int) -> None:
    frame = device_packet(imei, command, content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(command: int, frame: bytes, data: st.DataObject) -> None:
    """Real records cut short (or given to another command), behind a valid length and CRC."""
    content = frame[11:-2]
    cut = data.draw(st.integers(0, len(content)))
    i = data.draw(st.integers(0, max(cut - 1, 0)))
    body = bytearray(content[:cut])
    if body:
        body[i] ^= data.draw(st.integers(1, 255))
    rewrapped = device_packet(1, command, bytes(body))
    assert_clean(PROTOCOL, rewrapped, CTX)
