"""The fuzz invariant for Mictrack: any bytes, mutated real lines, random report bodies, and
streams of lines behind garbage either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.mictrack import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="866425031361423", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b";+,.-$0123456789AV", fuzzing.TCP_UDP
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.lists(st.sampled_from([0, 1, 2, 0x7F, 0xFF]), max_size=40).map(bytes)
)


@FUZZ
@given(
    st.sampled_from(["R0", "R1", "R2", "R3", "R12", "R13", "RH", "Y1"]),
    st.lists(st.text(alphabet="0123456789.,-:ab", max_size=12), max_size=12),
)
def test_random_report_bodies(kind: str, parts: list[str]) -> None:
    line = f"MT;6;866425031361423;{kind};{'+'.join(parts)}\r\n".encode()
    assert_clean(PROTOCOL, line, CTX)
