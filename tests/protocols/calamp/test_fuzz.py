"""The fuzz invariant for LM Direct: any bytes, mutated real messages, real messages with noise
in their bodies, and streams of messages behind garbage either parse or raise a DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.calamp import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

UDP = (Transport.UDP,)
CTX = DecodeContext(unique_id="1633033459", received=NOW, transport=Transport.UDP)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300, UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.ALL, transports=UDP)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL,
    [f[:13] for f in v.STREAM if f[0] == 0x83 and f[1] == 5],
    Transport.UDP,
    max_size=200,
)
# garbage of bytes that cannot start a message: no Options bit, no service type
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.STREAM,
    st.lists(st.integers(0x03, 0x7F), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@FUZZ
@given(st.sampled_from(v.EVENTS + v.MINIS), st.binary(min_size=1, max_size=8), st.data())
def test_noise_inside_real_bodies(frame: bytes, noise: bytes, data: st.DataObject) -> None:
    """Same length, headers intact: the body parsers see any values."""
    at = data.draw(st.integers(13, len(frame) - len(noise)))
    mutated = frame[:at] + noise + frame[at + len(noise) :]
    assert_clean(PROTOCOL, mutated, CTX)
