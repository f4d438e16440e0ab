"""The fuzz invariant for Topflytech: any bytes, mutated real text and binary frames, and
well-formed text messages with random fields either parse or raise the DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.topflytech import PROTOCOL
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="880316890094910", received=NOW)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=120))
def test_random_bytes_behind_a_text_start(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, v.TEXT[:20] + data, Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.VALID)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        frame[i] = draw(st.sampled_from(b"0123456789AVNSEW.()#%\x00\xff"))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.text(alphabet="0123456789.ANSVEW", max_size=60))
def test_well_framed_text_with_random_fields(body: str) -> None:
    frame = b"(880316890094910BP00" + body.encode() + b")"
    assert framer(PROTOCOL).feed(frame) == [frame]
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()
