"""The fuzz invariant for @Track: any bytes, mutated real frames (and binary bodies mutated behind
their length field), and well-formed text messages with random fields either parse or raise the
protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.gl200 import PROTOCOL
from fleetwire.protocols.gl200.decoding import DECODERS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="135790246811220", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b",.-$:0123456789AF\x00\xff"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(PROTOCOL, v.VALID, st.just(b"noise"))


test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:12] for f in v.VALID], Transport.UDP
)


_FIELD = st.one_of(
    st.just(""),
    st.from_regex(r"-?[0-9]{1,3}\.[0-9]{1,6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,15}", fullmatch=True),
    st.from_regex(r"[0-9A-F]{2,16}", fullmatch=True),
    st.sampled_from(["20090214013254", "20091314013254", "99999:99:99", "210101", "2", "nan"]),
)


@FUZZ
@given(
    st.sampled_from(["RESP", "BUFF", "ACK", "EVT"]),
    st.sampled_from(sorted(DECODERS)),
    st.lists(_FIELD, max_size=60),
)
def test_wellformed_messages_with_random_fields(kind: str, name: str, fields: list[str]) -> None:
    """The decoders themselves on messages that pass the envelope and carry an identity."""
    body = ",".join(["1A0102", "135790246811220", "", *fields])
    frame = f"+{kind}:{name},{body}$".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    PROTOCOL.inspect(frame, Session())
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(
    st.sampled_from(v.BINARY),
    st.lists(st.tuples(st.integers(min_value=11), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_mutated_binary_bodies(frame: bytes, changes: list[tuple[int, int]]) -> None:
    """Mutations behind the length field and before the CR LF, so they reach the decoder."""
    data = bytearray(frame)
    for at, value in changes:
        data[at % (len(data) - 13) + 11] = value
    assert_clean(PROTOCOL, bytes(data), CTX)
