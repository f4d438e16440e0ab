"""The fuzz invariant for GT06: any bytes, mutated real frames, and valid envelopes around
random content either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.gt06.decoding import DECODERS, LONG_DECODERS, VARIANTS
from fleetwire.protocols.gt06.framing import build_frame
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

PROTOCOL = get("gt06")
CTX = DecodeContext(unique_id="123456789012345", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a start marker (0x78 or 0x79)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in (0x78, 0x79)), max_size=40).map(bytes),
)


test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:4] for f in v.VALID], Transport.TCP
)


_NUMBERS = sorted({*DECODERS, *LONG_DECODERS, *(n for n, _ in VARIANTS)})


@FUZZ
@given(st.sampled_from(_NUMBERS), st.binary(max_size=120), st.integers(0, 0xFFFF), st.booleans())
def test_valid_envelope_random_content(proto: int, content: bytes, serial: int, long: bool) -> None:
    """Random content behind a correct CRC, in both forms: the decoders must stay clean."""
    frame = build_frame(proto, content, serial, long=long)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(VARIANTS)), st.data())
def test_variant_lengths_random_content(variant: tuple[int, int], data: st.DataObject) -> None:
    """Random content of exactly a variant's length, so each variant decoder is reached."""
    proto, size = variant
    frame = build_frame(proto, data.draw(st.binary(min_size=size, max_size=size)), 1)
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_truncated_behind_a_valid_envelope(
    proto: int, frame: bytes, data: st.DataObject
) -> None:
    """Real content cut short (or given to another type) but re-wrapped with a valid CRC."""
    start = 5 if frame[0] == 0x79 else 4
    content = frame[start:-6]
    cut = data.draw(st.integers(0, len(content)))
    rewrapped = build_frame(proto, content[:cut], 1)
    assert_clean(PROTOCOL, rewrapped, CTX)


@FUZZ
@given(
    st.sampled_from([0x13, 0x16, 0x26]),
    st.binary(max_size=40),
    st.sampled_from(["LW", "SEEWORLD", "R11"]),
)
def test_model_readings_stay_clean(proto: int, content: bytes, model: str) -> None:
    ctx = DecodeContext(unique_id="x", received=NOW, options={"model": model})
    assert_clean(PROTOCOL, build_frame(proto, content, 1), ctx)
