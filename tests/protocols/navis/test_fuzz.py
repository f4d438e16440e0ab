"""The fuzz invariant for Navis: any bytes, mutated real frames, and valid NTCB envelopes around
random record bodies either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.navis import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_ntcb
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext("861785005205079", NOW, context=v.FLEX20[26:])

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"@NTC", b"~A\x01", b"~T"], fuzzing.TCP[0]
)


@FUZZ
@given(
    st.sampled_from([b"*>T", b"*>A\x01", b"*>A\x02"]),
    st.sampled_from(b"\x00\x01\x02\x03\x04\x05\x15\x25\x06"),
    st.binary(max_size=240),
)
def test_valid_ntcb_random_records(prefix: bytes, fmt: int, body: bytes) -> None:
    assert_clean(PROTOCOL, build_ntcb(1, 0, prefix + bytes((fmt,)) + body), CTX)
