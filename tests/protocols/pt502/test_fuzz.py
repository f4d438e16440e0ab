"""The fuzz invariant for PT502: any bytes, mutated real frames, and well-formed reports with
random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.pt502 import PROTOCOL
from fleetwire.protocols.pt502.constants import ALARMS
from fleetwire.protocols.pt502.framing import wrap
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="6094", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"$,./#ANSEWV0159\r\n")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"$POS,6094,", b"\xbf\xfb\x00\x40\x00$", b"$FUS1"], fuzzing.TCP[0]
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"$\xbf"), max_size=40).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.ABCDEFNSWVabcdef/#-", max_size=12)
_TYPES = st.sampled_from(["POS", "PHO12-1", "DFR", "FUS", "PHD0", *sorted(ALARMS)])


@FUZZ
@given(_TYPES, st.lists(_FIELD, max_size=16), st.booleans())
def test_report_with_random_fields(code: str, fields: list[str], full: bool) -> None:
    frame = ",".join([f"${code}", "6094", "205523.000", *fields]).encode() + b"\r\n"
    frame = wrap(frame) if full else frame
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.REPORTS), st.integers(1, 16), st.sampled_from(
    ["", "0", "99.9", "-1", "A", "V", "N", "W", "9999.9", "1/2", "fff", "0,1", "#"]
))  # fmt: skip
def test_real_report_with_one_field_replaced(frame: bytes, index: int, value: str) -> None:
    fields = frame[:-2].split(b",")
    if index < len(fields):
        fields[index] = value.encode()
    assert_clean(PROTOCOL, b",".join(fields) + b"\r\n", CTX)
