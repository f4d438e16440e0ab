"""The fuzz invariant for Fifotrack: any bytes, mutated real frames, and valid envelopes around
random content either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.fifotrack import PROTOCOL
from fleetwire.protocols.fifotrack.framing import build_frame
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="866104023192332", received=NOW)
CODES = ["A00", "A01", "D05", "D06", "C03", "B23", "XYZ"]

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b",|.-$*0123456789AF")
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"$", b""))
)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:30] for f in v.VALID], CTX.transport
)


def _check(frame: bytes) -> None:
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(CODES), st.binary(max_size=200))
def test_valid_envelope_random_content(code: str, content: bytes) -> None:
    """Random content behind a correct checksum: the decoders themselves must stay clean."""
    _check(build_frame(b"$$", "866104023192332", 1, code.encode() + b"," + content))


@FUZZ
@given(st.sampled_from(CODES), st.sampled_from(v.VALID), st.data())
def test_real_content_mutated_behind_a_valid_envelope(
    code: str, frame: bytes, data: st.DataObject
) -> None:
    """Real content (cut, with fields flipped, or given to another code) re-wrapped validly."""
    content = bytearray(frame[frame.index(b",A0") + 5 if b",A0" in frame else -5 : -5])
    for _ in range(data.draw(st.integers(0, 3))):
        if content:
            i = data.draw(st.integers(0, len(content) - 1))
            content[i] = data.draw(st.sampled_from(b"0123456789ABCDEF,|.-AV\x00\xff"))
    cut = data.draw(st.integers(0, len(content)))
    _check(build_frame(b"$$", "866104023192332", 1, code.encode() + b"," + bytes(content[:cut])))
