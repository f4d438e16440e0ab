"""The fuzz invariant for Galileosky: any bytes, mutated real packets, valid envelopes around
random content and around random runs of known tags either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.galileo import PROTOCOL
from fleetwire.protocols.galileo.constants import TAG_SIZES, VARIABLE_TAGS
from fleetwire.protocols.galileo.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="868345032042426", received=NOW)
_TAGS = sorted({*TAG_SIZES, *VARIABLE_TAGS})

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a header byte (1..8)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0x09, 0xFF), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=128,
)


@FUZZ
@given(st.sampled_from([1, 7, 8]), st.binary(min_size=1, max_size=300))
def test_valid_envelope_random_content(header: int, body: bytes) -> None:
    frame = build(header, body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@st.composite
def tag_runs(draw: st.DrawFn) -> bytes:
    """Known tags with random values of the right (or a random variable) size."""
    parts = []
    for tag in draw(st.lists(st.sampled_from(_TAGS), min_size=1, max_size=30)):
        if tag in TAG_SIZES:
            parts.append(
                bytes((tag,)) + draw(st.binary(min_size=TAG_SIZES[tag], max_size=TAG_SIZES[tag]))
            )
        else:
            value = draw(st.binary(max_size=20))
            parts.append(bytes((tag,)) + len(value).to_bytes(VARIABLE_TAGS[tag], "little") + value)
    return b"".join(parts)


@FUZZ
@given(tag_runs())
def test_random_runs_of_known_tags(body: bytes) -> None:
    assert_clean(PROTOCOL, build(1, body), CTX)
