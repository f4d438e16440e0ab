"""The fuzz invariant for Eelink: any bytes, mutated real packages, and well-formed envelopes
around random content (every pid the decoders know) either parse or raise the DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.eelink import PROTOCOL
from fleetwire.protocols.eelink.decoding import DECODERS
from fleetwire.protocols.eelink.framing import build
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="352544071750518", received=NOW)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([Transport.TCP, Transport.UDP]))
def test_random_bytes(data: bytes, transport: Transport) -> None:
    assert_clean_on_any(PROTOCOL, data, transport)


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
def test_mutated_real_packages(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.binary(max_size=120), st.integers(0, 0xFFFF))
def test_well_formed_envelope_random_content(pid: int, content: bytes, seq: int) -> None:
    frame = build(pid, seq, content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(pid: int, frame: bytes, data: st.DataObject) -> None:
    content = frame[frame.index(b"gg") + 7 :]
    cut = data.draw(st.integers(0, len(content)))
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(build(pid, 1, content[:cut]), CTX)


_NOT_A_MARK = st.integers(0, 255).filter(lambda b: b not in (0x67, 0x45))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(_NOT_A_MARK, max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_packages_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
