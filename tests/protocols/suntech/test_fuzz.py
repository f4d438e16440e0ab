"""The fuzz invariant for Suntech: any bytes, mutated real reports, and well-formed reports
with random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.suntech import PROTOCOL
from tests.protocols.contract import NOW, assert_clean_on_any, assert_sane, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="205173382", received=NOW)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=64), st.sampled_from(v.VALID))
def test_random_bytes_behind_a_header(data: bytes, frame: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[:10] + data, Transport.UDP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.VALID)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        if draw(st.booleans()):
            frame[i] = draw(st.sampled_from(b";.+-:\r\n0123456789\x00\xff"))
        else:
            frame[i] ^= draw(st.integers(1, 255))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_frames(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


_FIELD = st.one_of(
    st.just(""),
    st.from_regex(r"[+-][0-9]{1,3}\.[0-9]{1,6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,10}", fullmatch=True),
    st.from_regex(r"[01]{6,9}", fullmatch=True),
    st.sampled_from(
        ["20160322", "23:23:18", "20161399", "99:99:99", "Res", "2898E16006000058:-20.8"]
    ),
)


@FUZZ
@given(
    st.sampled_from(["ST300", "SA200", "ST600", ""]),
    st.sampled_from(["STT", "ALT", "EMG", "EVT", "UEX", "HTE", "ALV", "CMD", "RES"]),
    st.lists(_FIELD, max_size=40),
)
def test_wellformed_reports_with_random_fields(prefix: str, kind: str, fields: list[str]) -> None:
    """The decoders themselves on reports that pass the envelope and carry an id."""
    frame = ";".join([prefix + kind, "205173382", *fields]).encode() + b"\r"
    if framer(PROTOCOL).feed(frame) != [frame]:
        return  # a UEX whose length field points past the report: not a whole frame
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
        for r in PROTOCOL.decode(frame, CTX):
            assert_sane(r, now=NOW.replace(year=2100))


@FUZZ
@given(st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5), st.integers(1, 50))
def test_stream_of_frames_in_any_chunking(frames: list[bytes], chunk: int) -> None:
    stream = b"noise" + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
