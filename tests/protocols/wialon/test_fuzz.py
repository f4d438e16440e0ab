"""The fuzz invariant for Wialon IPS: any bytes, mutated real frames, and valid v2.0 CRCs
around random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.wialon import PROTOCOL
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
TRANSPORTS = st.sampled_from([Transport.TCP, Transport.UDP])
REAL = st.sampled_from([*v.VALID, v.UDP_D_V2, v.UDP_SD_V1, v.LOGIN_V2_BAD_CRC])
FIELD = st.one_of(
    st.sampled_from(["NA", "", "0", "-1", "5544.6025", "N", "W", "1.5", "999999", "a:1:2"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n;|"), max_size=12),
)


@FUZZ
@given(st.binary(max_size=400), TRANSPORTS)
def test_random_bytes(data: bytes, transport: Transport) -> None:
    assert_clean_on_any(PROTOCOL, data, transport)


@FUZZ
@given(st.sampled_from(["L", "SD", "D", "B", "M", "I", "P", "AM"]), st.binary(max_size=200))
def test_random_bodies(kind: str, body: bytes) -> None:
    assert_clean_on_any(PROTOCOL, b"#" + kind.encode() + b"#" + body + b"\r\n", Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(REAL))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        frame[i] = draw(st.sampled_from(b"#;|:,.0129ANW\r\n\xff"))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated(), TRANSPORTS)
def test_mutated_real_frames(data: bytes, transport: Transport) -> None:
    assert_clean_on_any(PROTOCOL, data, transport)


@FUZZ
@given(
    st.sampled_from(["SD", "D"]),
    st.lists(FIELD, min_size=10, max_size=16),
)
def test_valid_crc_random_fields(kind: str, fields: list[str]) -> None:
    """Random field values behind a correct v2.0 CRC: the field decoders must stay clean."""
    frame = v.v2(kind, ";".join(fields))
    assert framer(PROTOCOL).feed(frame) == [frame]
    ctx = DecodeContext(unique_id="1", received=NOW)
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
    with contextlib.suppress(DeviceError):
        PROTOCOL.decode(frame, ctx)


@FUZZ
@given(st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5), st.integers(1, 40))
def test_stream_of_frames_behind_garbage(frames: list[bytes], chunk: int) -> None:
    stream = b"garbage \x00\x01" + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
