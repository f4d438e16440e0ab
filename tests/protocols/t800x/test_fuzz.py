"""The fuzz invariant for T880x: any bytes, mutated real frames, and valid envelopes around
random or mutated real content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.t800x import PROTOCOL
from fleetwire.protocols.t800x.constants import HEADERS
from fleetwire.protocols.t800x.decoding import DECODERS
from fleetwire.protocols.t800x.framing import build_frame
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="357367031063979", received=NOW)


def _clean(frame: bytes) -> None:
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


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


@FUZZ
@given(
    st.sampled_from(sorted(HEADERS)),
    st.sampled_from(sorted(DECODERS)),
    st.binary(max_size=120),
)
def test_valid_envelope_random_content(header: int, kind: int, content: bytes) -> None:
    frame = build_frame(header, kind, 1, "357367031063979", content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    _clean(frame)


@FUZZ
@given(st.sampled_from(v.VALID), st.sampled_from(sorted(HEADERS)), st.data())
def test_real_content_mutated_behind_a_valid_envelope(
    frame: bytes, header: int, data: st.DataObject
) -> None:
    """Real content cut, changed, or given to another family, re-wrapped in a valid envelope."""
    content = bytearray(frame[15:])
    for _ in range(data.draw(st.integers(0, 3))):
        if content:
            content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(content)))
    _clean(build_frame(header, frame[2], 1, "357367031063979", bytes(content[:cut])))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(st.integers(0, 255).filter(lambda b: b not in HEADERS), max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
