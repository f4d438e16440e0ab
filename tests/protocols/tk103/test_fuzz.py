"""The fuzz invariant for TK103: any bytes, mutated real frames, and well-formed frames with
random bodies either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.tk103 import PROTOCOL
from fleetwire.protocols.tk103.comma import DECODERS as COMMA_DECODERS
from fleetwire.protocols.tk103.decoding import DECODERS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="013612345678", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, transports=fuzzing.TCP_UDP
)
# garbage without a `(`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x28), max_size=40).map(bytes),
)


@FUZZ
@given(
    st.sampled_from(sorted(DECODERS)), st.text(alphabet="0123456789.ANSEWVL ,abcdef", max_size=90)
)
def test_known_command_with_random_body(command: str, body: str) -> None:
    frame = f"(013612345678{command}{body})".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(
    st.sampled_from(sorted(COMMA_DECODERS)),
    st.text(alphabet="0123456789.ANSEWV,:*-${}()\r\n", max_size=120),
)
def test_comma_layout_with_random_body(command: str, body: str) -> None:
    """The clones' layout, answer texts with parentheses among them: parse or DeviceError."""
    frame = f"(864555555555555,{command},{body})".encode()
    for part in framer(PROTOCOL).feed(frame):
        assert_clean(PROTOCOL, part, CTX)


_DIGITS = st.text(alphabet="0123456789 ", min_size=1, max_size=1)


@FUZZ
@given(st.sampled_from(v.POSITIONS), st.lists(st.tuples(st.integers(17, 80), _DIGITS), max_size=4))
def test_real_gps_blocks_with_digits_replaced(frame: bytes, changes: list[tuple[int, str]]) -> None:
    """Digits swapped for other digits keep the block's shape, so the range checks run."""
    data = bytearray(frame)
    for i, digit in changes:
        if i < len(data) - 1 and chr(data[i]).isdigit():
            data[i] = ord(digit)
    assert_clean(PROTOCOL, bytes(data), CTX)
