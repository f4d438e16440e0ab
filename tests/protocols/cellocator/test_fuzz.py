"""The fuzz invariant for Cellocator: any bytes, mutated real messages, and valid envelopes
(right size and checksum) around random bodies either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.cellocator import PROTOCOL
from fleetwire.protocols.cellocator.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="549765", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, alphabet=b"MCGP\x00\x0b\xff", transports=fuzzing.TCP_UDP
)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"MCGP\x00", b"MCGP\x0b", b"MCGP\x09"], Transport.TCP, max_size=80
)
# garbage without an "M" can never start a message
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.binary(max_size=40).map(lambda b: b.replace(b"M", b"")),
    max_frames=4,
    max_chunk=80,
)


@FUZZ
@given(st.binary(min_size=60, max_size=60), st.integers(0, 2**32 - 1))
def test_valid_status_envelope_random_body(body: bytes, unit: int) -> None:
    frame = build(b"\x00" + unit.to_bytes(4, "little") + body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.STATUS), st.data())
def test_real_body_mutated_under_a_valid_checksum(frame: bytes, data: st.DataObject) -> None:
    body = bytearray(frame[4:-1])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(1, len(body) - 1))  # keep the type: the Type 0 parser runs
        body[i] = data.draw(st.integers(0, 255))
    assert_clean(PROTOCOL, build(bytes(body)), CTX)
