"""The fuzz invariant for ATrack: any bytes, mutated real frames, and valid envelopes (binary
CRC, text CRC and length) around random content either parse or raise the DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols._binary import crc16_arc
from fleetwire.protocols.atrack import PROTOCOL
from fleetwire.protocols.atrack.framing import build_binary
from fleetwire.protocols.base import DecodeContext, Session, Transport
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="352964052096642", received=NOW)
BINARY = [f for f in v.VALID if f[:1] == b"@" and f[2:3] != b","]
TEXT = [f for f in v.VALID if f[:3] == b"@P,"]


def _clean(frame: bytes) -> None:
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)
    assert_clean_on_any(PROTOCOL, data, Transport.UDP)


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
@given(st.binary(max_size=300), st.integers(0, 0xFFFF), st.sampled_from([b"@P", b"@Z", b"@R"]))
def test_valid_envelope_random_content(payload: bytes, seq: int, prefix: bytes) -> None:
    frame = build_binary(seq, 352964052096642, payload, prefix)
    assert framer(PROTOCOL).feed(frame) == [frame]
    _clean(frame)


@FUZZ
@given(st.sampled_from(BINARY), st.data())
def test_real_records_cut_and_mutated_behind_a_valid_envelope(
    frame: bytes, data: st.DataObject
) -> None:
    """Real record bytes cut short or changed, re-wrapped with a correct CRC: the record walk
    and the custom-data reader must stay clean."""
    payload = bytearray(frame[16:])
    for _ in range(data.draw(st.integers(0, 3))):
        if payload:
            payload[data.draw(st.integers(0, len(payload) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(payload)))
    _clean(build_binary(1, 1, bytes(payload[:cut])))


def _text_frame(body: bytes) -> bytes:
    tail = b",1,352964052096642," + body
    length = str(len(tail)).encode()
    crc = crc16_arc(b"," + length + tail)
    return b"@P," + f"{crc:04X}".encode() + b"," + length + tail


TEXT_BODY = st.lists(
    st.one_of(
        st.integers(-(10**12), 10**12).map(str),
        st.sampled_from(["", "\x1a", "%CI%MV%GL%SA", "%CI%XX", "20181399000000", "6.5", "x"]),
    ),
    max_size=24,
).map(lambda fields: (",".join(fields) + "\r\n").encode("latin-1"))


@FUZZ
@given(TEXT_BODY)
def test_valid_text_envelope_random_fields(body: bytes) -> None:
    frame = _text_frame(body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    _clean(frame)


@FUZZ
@given(st.sampled_from(TEXT), st.data())
def test_real_text_records_mutated_behind_a_valid_envelope(
    frame: bytes, data: st.DataObject
) -> None:
    start = frame.index(b",", frame.index(b",", frame.index(b",", 8) + 1) + 1) + 1
    body = bytearray(frame[start:-2])
    for _ in range(data.draw(st.integers(1, 3))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(
            st.sampled_from(b",-0123456789%\x1a\nA")
        )
    _clean(_text_frame(bytes(body) + b"\r\n"))


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"@$\xfe"), max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
