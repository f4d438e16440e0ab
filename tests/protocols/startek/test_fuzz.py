"""The fuzz invariant for Startek: any bytes, mutated real frames, and valid checksums around
random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.startek import PROTOCOL
from fleetwire.protocols.startek.framing import build
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="1", received=NOW)
FIELD = st.one_of(
    st.sampled_from(["", "0", "-1", "A", "V", "1.5", "-99.9", "0|0|0|0", "04B0|0190", "FF", "|"]),
    st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=","), max_size=10
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
        frame[i] = draw(st.sampled_from(b"&,|.-0129AFVX\r\n\xff"))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from(["000", "010", "129"]), st.lists(FIELD, min_size=0, max_size=24))
def test_valid_checksum_random_fields(command: str, fields: list[str]) -> None:
    """Random field values behind a correct checksum: the decoders must stay clean."""
    frame = build(b"&&", "A", "123456789012345", ",".join([command, *fields]))
    if len(frame) < PROTOCOL.max_frame_size:
        assert framer(PROTOCOL).feed(frame) == [frame]
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(frame, CTX)


@FUZZ
@given(st.sampled_from(v.VALID[1:]), st.data())
def test_real_fields_replaced_behind_a_valid_checksum(frame: bytes, data: st.DataObject) -> None:
    rest = frame[:-4].partition(b",")[2]
    imei, _, content = rest.partition(b",")
    fields = content.decode().split(",")
    i = data.draw(st.integers(0, len(fields) - 1))
    fields[i] = data.draw(FIELD)
    rebuilt = build(b"&&", "A", imei.decode(), ",".join(fields))
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(rebuilt, CTX)


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.binary(max_size=30).filter(lambda b: b"&" not in b),
    st.integers(1, 50),
)
def test_stream_of_frames_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
