"""The fuzz invariant for T880x: any bytes, mutated real frames, and valid envelopes around
random or mutated real content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.t800x import PROTOCOL
from fleetwire.protocols.t800x.constants import HEADERS
from fleetwire.protocols.t800x.decoding import DECODERS
from fleetwire.protocols.t800x.framing import build_frame
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="357367031063979", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a header byte
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in HEADERS), max_size=40).map(bytes),
)


@FUZZ
@given(
    st.sampled_from(sorted(HEADERS)),
    st.sampled_from(sorted(DECODERS)),
    st.binary(max_size=120),
)
def test_valid_envelope_random_content(header: int, kind: int, content: bytes) -> None:
    frame = build_frame(header, kind, 1, "357367031063979", content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.VALID), st.sampled_from(sorted(HEADERS)), st.data())
def test_real_content_mutated_behind_a_valid_envelope(
    frame: bytes, header: int, data: st.DataObject
) -> None:
    """Real content cut, changed, or given to another family, re-wrapped in a valid envelope."""
    content = bytearray(frame[15:])
    for _ in range(data.draw(st.integers(0, 3))):
        if content:
            content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(content)))
    assert_clean(
        PROTOCOL, build_frame(header, frame[2], 1, "357367031063979", bytes(content[:cut])), CTX
    )
