"""The fuzz invariant for Startek: any bytes, mutated real frames, and valid checksums around
random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.startek import PROTOCOL
from fleetwire.protocols.startek.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="1", received=NOW)
FIELD = st.one_of(
    st.sampled_from(["", "0", "-1", "A", "V", "1.5", "-99.9", "0|0|0|0", "04B0|0190", "FF", "|"]),
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=","), max_size=10
    ),
)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"&,|.-0129AFVX\r\n\xff")
# garbage without a `&`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=30).filter(lambda b: b"&" not in b)
)


@FUZZ
@given(st.sampled_from(["000", "010", "129"]), st.lists(FIELD, min_size=0, max_size=24))
def test_valid_checksum_random_fields(command: str, fields: list[str]) -> None:
    """Random field values behind a correct checksum: the decoders must stay clean."""
    frame = build(b"&&", "A", "123456789012345", ",".join([command, *fields]))
    if len(frame) < PROTOCOL.max_frame_size:
        assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.VALID[1:]), st.data())
def test_real_fields_replaced_behind_a_valid_checksum(frame: bytes, data: st.DataObject) -> None:
    rest = frame[:-4].partition(b",")[2]
    imei, _, content = rest.partition(b",")
    fields = content.decode().split(",")
    i = data.draw(st.integers(0, len(fields) - 1))
    fields[i] = data.draw(FIELD)
    rebuilt = build(b"&&", "A", imei.decode(), ",".join(fields))
    assert_clean(PROTOCOL, rebuilt, CTX)
