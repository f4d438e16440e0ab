"""The fuzz invariant for GoSafe: any bytes, mutated real messages, and well-formed messages
with random block values either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.gosafe import PROTOCOL
from fleetwire.protocols.gosafe.blocks import BLOCKS, LEGACY_BLOCKS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="351535059439208", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600, transports=fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, alphabet=b"*GS#$,:;.-0123456789ANVLEWSN", transports=fuzzing.TCP_UDP
)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"*GS06,351535059439208,", b"*GS02,358696043774648,GPS:"], fuzzing.TCP, tail=b"#"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != ord("*")), max_size=40).map(bytes),
)

_VALUE = st.text(alphabet="0123456789ABCDEFNSEWVLx.-", max_size=12)
_TAGS = st.sampled_from(sorted({*BLOCKS, *LEGACY_BLOCKS, "ETD", "FUL", "TAG"}))


@FUZZ
@given(st.lists(st.tuples(_TAGS, st.lists(_VALUE, max_size=12)), max_size=6), st.booleans())
def test_record_with_random_blocks(blocks: list[tuple[str, list[str]]], legacy: bool) -> None:
    body = ",".join(f"{tag}:{';'.join(values)}" for tag, values in blocks)
    head = b"*GS02,358696043774648," if legacy else b"*GS06,351535059439208,100356130215,1C,"
    frame = head + body.encode() + b"#"
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.DATA), st.integers(0, 60), st.sampled_from(["", "0", "-1", "A", "V"]))
def test_real_message_with_one_value_replaced(frame: bytes, index: int, value: str) -> None:
    values = frame[:-1].split(b";")
    if index < len(values):
        values[index] = value.encode()
    assert_clean(PROTOCOL, b";".join(values) + b"#", CTX)
