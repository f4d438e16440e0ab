"""The fuzz invariant for the watch protocol: any bytes, mutated real frames, and valid
envelopes around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.watch import PROTOCOL
from fleetwire.protocols.watch.decoding import DECODERS
from fleetwire.protocols.watch.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="1", received=NOW)
FIELD = st.one_of(
    st.sampled_from(["", "0", "-1", "A", "V", "N", "W", "1.5", "00010000", "7", "aa:bb"]),
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=",[]"),
        max_size=10,
    ),
)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"[]*,}\x01\x03.0129AFNVWX\xff"
)
# garbage without a `[`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=30).filter(lambda b: b"[" not in b), max_chunk=60
)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.lists(FIELD, max_size=40))
def test_valid_envelope_random_fields(word: str, fields: list[str]) -> None:
    """Random fields behind a correct header and length: the decoders must stay clean."""
    frame = build("SG", "8800000015", ",".join([word, *fields]))
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from([f for f in v.VALID if b"," in f]), st.data())
def test_real_fields_replaced(frame: bytes, data: st.DataObject) -> None:
    content = frame[frame.index(b"*", frame.index(b"*", 4) + 1) + 1 : -1]
    if frame.startswith(b"[ZJ"):
        content = content[5:]
    fields = content.decode("utf-8", "replace").split(",")
    i = data.draw(st.integers(1, len(fields) - 1))
    fields[i] = data.draw(FIELD)
    assert_clean(PROTOCOL, build("3G", "1", ",".join(fields)), CTX)
