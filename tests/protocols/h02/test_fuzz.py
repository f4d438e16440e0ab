"""The fuzz invariant for H02: any bytes, mutated real frames, and well-formed envelopes
around random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.h02 import PROTOCOL
from fleetwire.protocols.h02.decoding import TEXT_DECODERS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="4106011660", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, transports=fuzzing.TCP_UDP
)
# garbage without a start ("*" or "$")
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.TEXT + v.BINARY_SHORT,
    st.lists(st.integers(0, 255).filter(lambda b: b not in (0x2A, 0x24)), max_size=40).map(bytes),
)


_FIELD = st.text(alphabet="0123456789.-ABCDEFNSWVXY ", max_size=12)


@FUZZ
@given(st.sampled_from(sorted(TEXT_DECODERS)), st.lists(_FIELD, max_size=30))
def test_valid_envelope_random_fields(kind: str, fields: list[str]) -> None:
    """A well-formed line of a known type with random fields: the decoders themselves."""
    frame = ",".join(["*HQ", "4106011660", kind, *fields]).encode() + b"#"
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(TEXT_DECODERS)), st.sampled_from(v.TEXT), st.data())
def test_real_fields_under_another_type(kind: str, frame: bytes, data: st.DataObject) -> None:
    fields = frame.rstrip(b"#").split(b",")
    cut = data.draw(st.integers(3, max(3, len(fields))))
    frame = b",".join([b"*HQ", b"1", kind.encode(), *fields[3:cut]]) + b"#"
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from([32, 42, 45, 46, 48]), st.binary(min_size=48, max_size=48))
def test_binary_records_with_random_content(size: int, body: bytes) -> None:
    assert_clean(PROTOCOL, b"$" + body[: size - 1], CTX)


_BCD = st.integers(0, 99).map(lambda n: bytes.fromhex(f"{n:02d}"))


@FUZZ
@given(st.lists(_BCD, min_size=29, max_size=29), st.binary(min_size=3, max_size=3))
def test_binary_records_with_bcd_content(digits: list[bytes], tail: bytes) -> None:
    """All-BCD content gets past the digit checks, so the range checks are exercised."""
    assert_clean(PROTOCOL, b"$" + b"".join(digits)[:28] + tail, CTX)
