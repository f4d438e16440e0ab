"""The fuzz invariant for AIS-140: any bytes, mutated real packets, random fields in a real
layout, and streams of packets behind garbage either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.its import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="866772041471415", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"$*,.-0123456789NSEWLHAV", fuzzing.TCP_UDP
)
# garbage without `$`
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    [f for f in v.VALID if f.endswith(b"*") and not f.endswith(b"**")],
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x24), max_size=40).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.-ABCDEFHLNSVWO x", max_size=10)


@FUZZ
@given(st.sampled_from(v.VALID), st.lists(_FIELD, max_size=60), st.data())
def test_random_fields_after_a_real_head(
    frame: bytes, fields: list[str], data: st.DataObject
) -> None:
    """A real packet's first fields (through the IMEI and beyond) and random ones after."""
    real = frame.split(b"*")[0].split(b",")
    keep = data.draw(st.integers(1, len(real)))
    packet = b",".join([*real[:keep], *(f.encode() for f in fields)]) + b"*"
    assert_clean(PROTOCOL, packet, CTX)
