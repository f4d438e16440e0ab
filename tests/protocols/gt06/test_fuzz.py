"""The fuzz invariant for GT06: any bytes, mutated real frames, and valid envelopes around
random content either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.gt06.decoding import DECODERS
from fleetwire.protocols.gt06.framing import build_frame
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

PROTOCOL = get("gt06")
# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="123456789012345", received=NOW)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=64), st.sampled_from(v.VALID))
def test_random_bytes_behind_a_header(data: bytes, frame: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[:4] + data, Transport.TCP)


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


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.binary(max_size=120), st.integers(0, 0xFFFF))
def test_valid_envelope_random_content(proto: int, content: bytes, serial: int) -> None:
    """Random content behind a correct CRC: the decoders themselves must stay clean."""
    frame = build_frame(proto, content, serial)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_truncated_behind_a_valid_envelope(
    proto: int, frame: bytes, data: st.DataObject
) -> None:
    """Real content cut short (or given to another type) but re-wrapped with a valid CRC."""
    start = 5 if frame[0] == 0x79 else 4
    content = frame[start:-6]
    cut = data.draw(st.integers(0, len(content)))
    rewrapped = build_frame(proto, content[:cut], 1)
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(rewrapped, CTX)


_NOT_A_MARKER = st.integers(0, 255).filter(lambda b: b not in (0x78, 0x79))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(_NOT_A_MARKER, max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a start marker is skipped; the frames come out whole in any chunking."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
