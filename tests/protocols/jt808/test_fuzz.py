"""The fuzz invariant for JT/T 808: any bytes, mutated real frames, and valid envelopes (2013,
2019, sub-packaged) around random content either parse or raise the protocol's DeviceError,
nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.jt808 import PROTOCOL
from fleetwire.protocols.jt808.decoding import DECODERS
from fleetwire.protocols.jt808.framing import build_frame, open_frame
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="12345678901", received=NOW)
PHONES = st.sampled_from([bytes.fromhex("013912345678"), bytes.fromhex("4e5de66fba22")])


def _both(frame: bytes) -> None:
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=64), st.sampled_from(v.FRAMES))
def test_random_bytes_behind_a_header(data: bytes, frame: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[:14] + data + b"\x7e", Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.FRAMES)))
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
    st.sampled_from(sorted(DECODERS)),
    st.binary(max_size=200),
    PHONES,
    st.sampled_from([None, 1]),
    st.integers(0, 0xFFFF),
)
def test_valid_envelope_random_content(
    msg_id: int, body: bytes, phone: bytes, version: int | None, serial: int
) -> None:
    """Random content behind a correct check code: the decoders themselves must stay clean."""
    if version is not None:
        phone = phone.rjust(10, b"\x00")
    frame = build_frame(msg_id, body, phone, serial, version)
    assert framer(PROTOCOL).feed(frame) == [frame]
    _both(frame)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.FRAMES), st.data())
def test_real_content_truncated_behind_a_valid_envelope(
    msg_id: int, frame: bytes, data: st.DataObject
) -> None:
    """Real bodies cut short (or given to another type), re-wrapped with a valid check code."""
    env = open_frame(frame)
    body = env.data[env.start : env.end]
    cut = data.draw(st.integers(0, len(body)))
    _both(build_frame(msg_id, body[:cut], env.phone, 1, env.version))


@FUZZ
@given(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.binary(max_size=64))
def test_any_header_attributes(msg_id: int, attrs: int, rest: bytes) -> None:
    """Every combination of version/sub-package/encryption bits and lengths."""
    data = msg_id.to_bytes(2, "big") + attrs.to_bytes(2, "big") + rest
    data += bytes((v.xor_reference(data),))
    frame = b"\x7e" + data.replace(b"\x7d", b"\x7d\x01").replace(b"\x7e", b"\x7d\x02") + b"\x7e"
    assert_clean_on_any(PROTOCOL, frame, Transport.TCP)


_NOT_A_FLAG = st.integers(0, 255).filter(lambda b: b != 0x7E)


@FUZZ
@given(
    st.lists(st.sampled_from(v.FRAMES), min_size=1, max_size=5),
    st.lists(_NOT_A_FLAG, max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a flag is skipped; the frames come out whole in any chunking."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
