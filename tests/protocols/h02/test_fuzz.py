"""The fuzz invariant for H02: any bytes, mutated real frames, and well-formed envelopes
around random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.h02 import PROTOCOL
from fleetwire.protocols.h02.decoding import TEXT_DECODERS
from tests.protocols.contract import NOW, assert_clean_on_any, assert_sane, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Ranges are checked as for real frames; only "not in the future" is relaxed.
FAR = datetime(2100, 1, 1, tzinfo=UTC)
CTX = DecodeContext(unique_id="4106011660", received=NOW)


def _decode_clean(frame: bytes) -> None:
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            out = call()
            for r in out if isinstance(out, list) else []:
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
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)
    assert_clean_on_any(PROTOCOL, data, Transport.UDP)


_FIELD = st.text(alphabet="0123456789.-ABCDEFNSWVXY ", max_size=12)


@FUZZ
@given(st.sampled_from(sorted(TEXT_DECODERS)), st.lists(_FIELD, max_size=30))
def test_valid_envelope_random_fields(kind: str, fields: list[str]) -> None:
    """A well-formed line of a known type with random fields: the decoders themselves."""
    frame = ",".join(["*HQ", "4106011660", kind, *fields]).encode() + b"#"
    assert framer(PROTOCOL).feed(frame) == [frame]
    _decode_clean(frame)


@FUZZ
@given(st.sampled_from(sorted(TEXT_DECODERS)), st.sampled_from(v.TEXT), st.data())
def test_real_fields_under_another_type(kind: str, frame: bytes, data: st.DataObject) -> None:
    fields = frame.rstrip(b"#").split(b",")
    cut = data.draw(st.integers(3, max(3, len(fields))))
    _decode_clean(b",".join([b"*HQ", b"1", kind.encode(), *fields[3:cut]]) + b"#")


@FUZZ
@given(st.sampled_from([32, 42, 45, 46, 48]), st.binary(min_size=48, max_size=48))
def test_binary_records_with_random_content(size: int, body: bytes) -> None:
    _decode_clean(b"$" + body[: size - 1])


_BCD = st.integers(0, 99).map(lambda n: bytes.fromhex(f"{n:02d}"))


@FUZZ
@given(st.lists(_BCD, min_size=29, max_size=29), st.binary(min_size=3, max_size=3))
def test_binary_records_with_bcd_content(digits: list[bytes], tail: bytes) -> None:
    """All-BCD content gets past the digit checks, so the range checks are exercised."""
    _decode_clean(b"$" + b"".join(digits)[:28] + tail)


_NOT_A_START = st.integers(0, 255).filter(lambda b: b not in (0x2A, 0x24))


@FUZZ
@given(
    st.lists(st.sampled_from(v.TEXT + v.BINARY_SHORT), min_size=1, max_size=5),
    st.lists(_NOT_A_START, max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
