"""The fuzz invariant for Xirgo: any bytes, mutated real messages, messages with random fields,
and real messages behind garbage either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.xirgo import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="357207059646786", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600, transports=fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, alphabet=b"$#,.-/:;0123456789", transports=fuzzing.TCP_UDP
)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL,
    [b"$$357207059646786,4003,", b"$$183900034,6011,2019/03/30,"],
    fuzzing.TCP,
    tail=b"##",
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x24), max_size=40).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.-/:; ", max_size=12)
_EVENTS = st.sampled_from(["4001", "4002", "4006", "6004", "6011", "6015", "6017", "9999"])
_FORMS = st.sampled_from([None, v.FORM_A, v.FORM_B, "UID,EV,D;T,LT,LN,SEQ"])


@FUZZ
@given(_EVENTS, st.lists(_FIELD, max_size=30), _FORMS)
def test_message_with_random_fields(event: str, fields: list[str], form: str | None) -> None:
    frame = ",".join(["$$357207059646786", event, *fields]).encode() + b"##"
    assert framer(PROTOCOL).feed(frame) == [frame]
    ctx = DecodeContext("x", NOW, options={"form": form}) if form else CTX
    assert_clean(PROTOCOL, frame, ctx)


@FUZZ
@given(
    st.sampled_from(v.REPORTS),
    st.integers(2, 30),
    st.sampled_from(["", "0", "99.9", "-1", "1e5", "+", "9999.9", "1:2", "2020/01/01", "x"]),
)
def test_real_report_with_one_field_replaced(frame: bytes, index: int, value: str) -> None:
    fields = frame[:-2].split(b",")
    if index < len(fields):
        fields[index] = value.encode()
    assert_clean(PROTOCOL, b",".join(fields) + b"##", CTX)
