"""The fuzz invariant for GPS103: any bytes, mutated real messages, and well-formed messages
with random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.gps103 import PROTOCOL
from fleetwire.protocols.gps103.constants import ALARMS
from tests.protocols.contract import NOW, assert_clean_on_any, assert_sane, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Ranges are checked as for real frames; only "not in the future" is relaxed.
FAR = datetime(2100, 1, 1, tzinfo=UTC)
CTX = DecodeContext(unique_id="359586015829802", received=NOW)


def _decode_clean(frame: bytes) -> None:
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
    with contextlib.suppress(DeviceError):
        for r in PROTOCOL.decode(frame, CTX):
            assert_sane(r, FAR)  # devices may send any date 2000-2099


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.VALID)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        frame[i] ^= draw(st.integers(1, 255))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_messages(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)
    assert_clean_on_any(PROTOCOL, data, Transport.UDP)


_FIELD = st.text(alphabet="0123456789.:/+-%ABFLNSEWV ", max_size=14)
_KEYWORDS = st.sampled_from(["tracker", "OBD", "acc on", "rfid", "T:+1", *sorted(ALARMS)])


@FUZZ
@given(_KEYWORDS, st.lists(_FIELD, max_size=22))
def test_report_with_random_fields(keyword: str, fields: list[str]) -> None:
    frame = ",".join(["imei:359586015829802", keyword, *fields]).encode() + b";"
    assert framer(PROTOCOL).feed(frame) == [frame]
    _decode_clean(frame)


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
    _decode_clean(b",".join(fields) + b";")


_NOT_A_START = st.integers(0, 255).filter(lambda b: not (0x30 <= b <= 0x39) and b not in b"#i;\n")


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(_NOT_A_START, max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_messages_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    frames = [v.DOC_LOGON, *frames]  # garbage runs to the next start, so lead with a logon
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
