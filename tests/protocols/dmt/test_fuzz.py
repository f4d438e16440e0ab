"""The fuzz invariant for Digital Matter: any bytes, mutated real messages, valid envelopes
around random content and random runs of records of known fields either parse or raise the
DeviceError."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.dmt import PROTOCOL
from fleetwire.protocols.dmt.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="353323081669730", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [v.HELLO[:5], v.PERTH[:5], v.PERTH[:16]], fuzzing.TCP[0]
)
# garbage without the first sync byte 02
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0x03, 0xFF), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=128,
)


@FUZZ
@given(st.sampled_from([0x00, 0x04, 0x05, 0x10, 0x14, 0x22, 0x30]), st.binary(max_size=300))
def test_valid_envelope_random_content(kind: int, payload: bytes) -> None:
    frame = build(kind, payload)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


_FIELD_SIZES = {0: 21, 1: None, 2: 8, 6: None, 7: None, 9: None}


@st.composite
def data_records(draw: st.DrawFn) -> bytes:
    """Records of known fields with random values of the right (or a random) size."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        fields = []
        for fid in draw(st.lists(st.sampled_from(sorted(_FIELD_SIZES)), max_size=5)):
            size = _FIELD_SIZES[fid]
            value = draw(st.binary(min_size=size or 0, max_size=size or 30))
            fields.append(bytes((fid, len(value))) + value)
        body = b"".join(fields)
        head = struct.pack("<HII", 11 + len(body), draw(st.integers(0, 2**32 - 1)),
                           draw(st.integers(0, 500_000_000)))  # fmt: skip
        out.append(head + bytes((draw(st.integers(0, 255)),)) + body)
    return b"".join(out)


@FUZZ
@given(data_records())
def test_random_records_of_known_fields(payload: bytes) -> None:
    assert_clean(PROTOCOL, build(4, payload), CTX)
