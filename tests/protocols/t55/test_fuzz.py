"""The fuzz invariant for T55: any bytes, mutated real lines, and streams of lines behind
garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.t55 import PROTOCOL
from fleetwire.protocols.t55.decoding import SENTENCES
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="359853000144328", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"$*,./-0123456789NSEWAV", fuzzing.TCP_UDP
)
# garbage of control bytes only (a printable byte may start a line)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.sampled_from([0, 1, 2, 0x7F, 0x80, 0xFF]), max_size=40).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.-ANSEWV ", max_size=12)


@FUZZ
@given(st.sampled_from(sorted(SENTENCES)), st.lists(_FIELD, max_size=14))
def test_random_fields_in_each_sentence(name: str, fields: list[str]) -> None:
    line = ",".join([f"$GP{name}", *fields]).encode() + b"*00\r\n"
    assert_clean(PROTOCOL, line, CTX)
