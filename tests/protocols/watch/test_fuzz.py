"""The fuzz invariant for the watch protocol: any bytes, mutated real frames, and valid
envelopes around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.watch import PROTOCOL
from fleetwire.protocols.watch.decoding import DECODERS
from fleetwire.protocols.watch.framing import build
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="1", received=NOW)
FIELD = st.one_of(
    st.sampled_from(["", "0", "-1", "A", "V", "N", "W", "1.5", "00010000", "7", "aa:bb"]),
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=",[]"),
        max_size=10,
    ),
)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.VALID)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        frame[i] = draw(st.sampled_from(b"[]*,}\x01\x03.0129AFNVWX\xff"))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.lists(FIELD, max_size=40))
def test_valid_envelope_random_fields(word: str, fields: list[str]) -> None:
    """Random fields behind a correct header and length: the decoders must stay clean."""
    frame = build("SG", "8800000015", ",".join([word, *fields]))
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.sampled_from([f for f in v.VALID if b"," in f]), st.data())
def test_real_fields_replaced(frame: bytes, data: st.DataObject) -> None:
    content = frame[frame.index(b"*", frame.index(b"*", 4) + 1) + 1 : -1]
    if frame.startswith(b"[ZJ"):
        content = content[5:]
    fields = content.decode("utf-8", "replace").split(",")
    i = data.draw(st.integers(1, len(fields) - 1))
    fields[i] = data.draw(FIELD)
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(build("3G", "1", ",".join(fields)), CTX)


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.binary(max_size=30).filter(lambda b: b"[" not in b),
    st.integers(1, 60),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
