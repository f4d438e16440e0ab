"""The fuzz invariant for OsmAnd: any bytes, mutated real requests, and well-framed requests
with random query strings or random JSON either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.osmand import PROTOCOL
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="123456", received=NOW)
KEYS = ["id", "deviceid", "lat", "lon", "location", "timestamp", "speed", "bearing", "heading",
        "altitude", "accuracy", "hdop", "batt", "charge", "valid", "cell", "wifi", "ignition",
        "driverUniqueId", "x"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True).map(str),
    st.sampled_from(["true", "false", "1", "0", "2016-01-27T18:55:47Z", "60.0,30.0", "-1"]),
)


def _clean(frame: bytes) -> None:
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from(v.VALID), st.binary(max_size=64))
def test_random_bytes_behind_a_request_line(frame: bytes, data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[: frame.index(b"\r\n") + 2] + data, Transport.TCP)


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
def test_mutated_real_requests(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12))
def test_random_query_in_a_valid_request(params: dict[str, str]) -> None:
    """Well-framed GETs and form POSTs with random values: the decoders themselves stay clean."""
    query = urlencode(params)
    for frame in (v.get("/?" + query), v.post_form(query)):
        assert framer(PROTOCOL).feed(frame) == [frame]
        _clean(frame)


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6),
    st.text(max_size=8),
)
JSON_KEYS = st.sampled_from(
    ["coords", "latitude", "longitude", "speed", "heading", "timestamp", "battery", "level",
     "extras", "activity", "type", "odometer"]
)  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(JSON_KEYS, inner, max_size=5),
    max_leaves=12,
)


@FUZZ
@given(JSON_VALUES, st.one_of(st.none(), st.text(max_size=6), st.integers(-(2**63), 2**63 - 1)))
def test_random_json_in_a_valid_request(location: object, device_id: object) -> None:
    body = orjson.dumps({"location": location, "device_id": device_id}).decode()
    frame = v.post_json(body)
    _clean(frame)
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
        for r in PROTOCOL.decode(frame, CTX):
            # random times and speeds may be anything; coordinates and course never are
            assert r.latitude is not None and -90 <= r.latitude <= 90
            assert r.longitude is not None and -180 <= r.longitude <= 180
            assert r.course is None or 0 <= r.course <= 360
            assert r.fix_time.tzinfo is not None


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"GP"), max_size=40).map(bytes),
    st.integers(1, 50),
)
def test_stream_of_requests_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a method's first letter is skipped; requests come out whole."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
