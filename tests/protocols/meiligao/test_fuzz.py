"""The fuzz invariant for Meiligao: any bytes, mutated real frames, and valid envelopes around
random content either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.meiligao import PROTOCOL
from fleetwire.protocols.meiligao.decoding import DECODERS
from fleetwire.protocols.meiligao.framing import build_frame
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="142180340967", received=NOW)
ID = bytes.fromhex("142180340967ff")
TYPES = sorted(DECODERS)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=64), st.sampled_from(v.VALID))
def test_random_bytes_behind_a_header(data: bytes, frame: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[:13] + data, Transport.UDP)


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


def _check(frame: bytes) -> None:
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.sampled_from(TYPES), st.binary(max_size=200))
def test_valid_envelope_random_content(kind: int, content: bytes) -> None:
    """Random content behind a correct CRC: the decoders themselves must stay clean."""
    _check(build_frame(b"$$", ID, kind, content))


@FUZZ
@given(st.sampled_from(TYPES), st.sampled_from(v.VALID), st.data())
def test_real_content_mutated_behind_a_valid_envelope(
    kind: int, frame: bytes, data: st.DataObject
) -> None:
    """Real content (cut, with characters changed, or given to another type) re-wrapped."""
    content = bytearray(frame[13:-4])
    for _ in range(data.draw(st.integers(0, 3))):
        if content:
            i = data.draw(st.integers(0, len(content) - 1))
            content[i] = data.draw(st.sampled_from(b"0123456789ABCDEF,|.-*\\NSEWAV\x00\xff"))
    cut = data.draw(st.integers(0, len(content)))
    _check(build_frame(b"$$", ID, kind, bytes(content[:cut])))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.binary(max_size=40).map(lambda b: b.replace(b"$", b"")),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a `$` is skipped; the frames come out whole in any chunking."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
