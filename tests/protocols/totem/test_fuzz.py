"""The fuzz invariant for Totem: any bytes, mutated real frames, real frames behind garbage and
documented reports with random fields either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.totem import PROTOCOL
from fleetwire.protocols.totem.framing import classic
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="353358019474100", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"$$A9353358019474100|AA", b"$$0113AA862010037348253|"], Transport.TCP, 200
)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"$|,.*0123456789AN")
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x24), max_size=40).map(bytes),
)

_FIELD = st.text(alphabet="0123456789.-ABCDEF", max_size=16)
_SENTENCE = st.lists(st.text(alphabet="0123456789.ANSEWV", max_size=11), max_size=13)


@FUZZ
@given(st.integers(0, 255), _SENTENCE, st.lists(_FIELD, max_size=14))
def test_report_with_random_fields(alarm: int, sentence: list[str], fields: list[str]) -> None:
    body = "|".join([f"{alarm:02X}$GPRMC," + ",".join(sentence), *fields]).encode()
    if len(body) > 200:
        return
    frame = classic("353358019474100", body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.integers(0, 20), _FIELD)
def test_doc_report_with_one_field_replaced(index: int, value: str) -> None:
    parts = v.DOC_AVL02[20:-7].split(b"|")
    if index < len(parts):
        parts[index] = parts[index][:2] + value.encode() if index == 0 else value.encode()
    assert_clean(PROTOCOL, classic("353358019474100", b"|".join(parts)), CTX)
