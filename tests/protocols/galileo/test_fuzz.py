"""The fuzz invariant for Galileosky: any bytes, mutated real packets, valid envelopes around
random content and around random runs of known tags either parse or raise the DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.galileo import PROTOCOL
from fleetwire.protocols.galileo.constants import TAG_SIZES, VARIABLE_TAGS
from fleetwire.protocols.galileo.framing import build
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="868345032042426", received=NOW)
_TAGS = sorted({*TAG_SIZES, *VARIABLE_TAGS})


def _both(frame: bytes) -> None:
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
def test_mutated_real_packets(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from([1, 7, 8]), st.binary(min_size=1, max_size=300))
def test_valid_envelope_random_content(header: int, body: bytes) -> None:
    frame = build(header, body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    _both(frame)


@st.composite
def tag_runs(draw: st.DrawFn) -> bytes:
    """Known tags with random values of the right (or a random variable) size."""
    parts = []
    for tag in draw(st.lists(st.sampled_from(_TAGS), min_size=1, max_size=30)):
        if tag in TAG_SIZES:
            parts.append(
                bytes((tag,)) + draw(st.binary(min_size=TAG_SIZES[tag], max_size=TAG_SIZES[tag]))
            )
        else:
            value = draw(st.binary(max_size=20))
            parts.append(bytes((tag,)) + len(value).to_bytes(VARIABLE_TAGS[tag], "little") + value)
    return b"".join(parts)


@FUZZ
@given(tag_runs())
def test_random_runs_of_known_tags(body: bytes) -> None:
    _both(build(1, body))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=4),
    st.lists(st.integers(0x09, 0xFF), max_size=40).map(bytes),
    st.integers(1, 128),
)
def test_stream_of_packets_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a header byte is skipped; packets come out whole in any chunking."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
