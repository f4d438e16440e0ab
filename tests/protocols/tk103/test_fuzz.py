"""The fuzz invariant for TK103: any bytes, mutated real frames, and well-formed frames with
random bodies either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.tk103 import PROTOCOL
from fleetwire.protocols.tk103.decoding import DECODERS
from tests.protocols.contract import NOW, assert_clean_on_any, assert_sane, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Ranges are checked as for real frames; only "not in the future" is relaxed.
FAR = datetime(2100, 1, 1, tzinfo=UTC)
CTX = DecodeContext(unique_id="013612345678", received=NOW)


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
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)
    assert_clean_on_any(PROTOCOL, data, Transport.UDP)


@FUZZ
@given(
    st.sampled_from(sorted(DECODERS)), st.text(alphabet="0123456789.ANSEWVL ,abcdef", max_size=90)
)
def test_known_command_with_random_body(command: str, body: str) -> None:
    frame = f"(013612345678{command}{body})".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    _decode_clean(frame)


_DIGITS = st.text(alphabet="0123456789 ", min_size=1, max_size=1)


@FUZZ
@given(st.sampled_from(v.POSITIONS), st.lists(st.tuples(st.integers(17, 80), _DIGITS), max_size=4))
def test_real_gps_blocks_with_digits_replaced(frame: bytes, changes: list[tuple[int, str]]) -> None:
    """Digits swapped for other digits keep the block's shape, so the range checks run."""
    data = bytearray(frame)
    for i, digit in changes:
        if i < len(data) - 1 and chr(data[i]).isdigit():
            data[i] = ord(digit)
    _decode_clean(bytes(data))


_NOT_A_START = st.integers(0, 255).filter(lambda b: b != 0x28)


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
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
