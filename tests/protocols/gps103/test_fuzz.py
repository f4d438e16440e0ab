"""The fuzz invariant for GPS103: any bytes, mutated real messages, and well-formed messages
with random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.gps103 import PROTOCOL
from fleetwire.protocols.gps103.constants import ALARMS
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="359586015829802", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, transports=fuzzing.TCP_UDP
)
# garbage runs to the next start, so the stream leads with a logon
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(
        st.integers(0, 255).filter(lambda b: not (0x30 <= b <= 0x39) and b not in b"#i;\n"),
        max_size=40,
    ).map(bytes),
    lead=[v.DOC_LOGON],
)


_FIELD = st.text(alphabet="0123456789.:/+-%ABFLNSEWV ", max_size=14)
_KEYWORDS = st.sampled_from(["tracker", "OBD", "acc on", "rfid", "T:+1", *sorted(ALARMS)])


@FUZZ
@given(_KEYWORDS, st.lists(_FIELD, max_size=22))
def test_report_with_random_fields(keyword: str, fields: list[str]) -> None:
    frame = ",".join(["imei:359586015829802", keyword, *fields]).encode() + b";"
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(
    st.sampled_from(v.REPORTS),
    st.integers(1, 20),
    st.sampled_from(["", "0", "99.9", "-1", "F", "L", "A", "N", "W", "+", "%", "9999.9", "1:2"]),
)
def test_real_report_with_one_field_replaced(frame: bytes, index: int, value: str) -> None:
    fields = frame[:-1].split(b",")
    if index < len(fields):
        fields[index] = value.encode()
    assert_clean(PROTOCOL, b",".join(fields) + b";", CTX)
