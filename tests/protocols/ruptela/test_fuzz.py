"""The fuzz invariant for Ruptela: any bytes, mutated real frames, and valid envelopes (right
length and CRC) around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.ruptela import PROTOCOL
from fleetwire.protocols.ruptela.decoding import DECODERS
from fleetwire.protocols.ruptela.framing import device_packet
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="868324023580306", received=NOW)
_COMMANDS = sorted({*DECODERS, 15, 16, 37})


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
@given(st.sampled_from(_COMMANDS), st.binary(max_size=200), st.integers(0, 10**15 - 1))
def test_valid_envelope_random_content(command: int, content: bytes, imei: int) -> None:
    frame = device_packet(imei, command, content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(command: int, frame: bytes, data: st.DataObject) -> None:
    """Real records cut short (or given to another command), behind a valid length and CRC."""
    content = frame[11:-2]
    cut = data.draw(st.integers(0, len(content)))
    i = data.draw(st.integers(0, max(cut - 1, 0)))
    body = bytearray(content[:cut])
    if body:
        body[i] ^= data.draw(st.integers(1, 255))
    rewrapped = device_packet(1, command, bytes(body))
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(rewrapped, CTX)


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=4),
    st.lists(st.integers(0x04, 0xFF), max_size=40).map(bytes),
    st.integers(1, 64),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage of bytes that cannot start an IMEI (never 00 0x) is skipped; frames come whole."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
