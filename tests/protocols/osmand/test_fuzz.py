"""The fuzz invariant for OsmAnd: any bytes, mutated real requests, and well-framed requests
with random query strings or random JSON either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

import orjson
from hypothesis import given
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.osmand import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

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


test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a method's first letter
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"GP"), max_size=40).map(bytes),
)


test_random_bytes_behind_a_request_line = fuzzing.behind_heads_test(
    PROTOCOL, [f[: f.index(b"\r\n") + 2] for f in v.VALID], Transport.TCP
)


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=12))
def test_random_query_in_a_valid_request(params: dict[str, str]) -> None:
    """Well-framed GETs and form POSTs with random values: the decoders themselves stay clean."""
    query = urlencode(params)
    for frame in (v.get("/?" + query), v.post_form(query)):
        assert framer(PROTOCOL).feed(frame) == [frame]
        assert_clean(PROTOCOL, frame, CTX)


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
    assert_clean(PROTOCOL, frame, CTX)
    with contextlib.suppress(DeviceError):
        PROTOCOL.inspect(frame, Session())
        for r in PROTOCOL.decode(frame, CTX):
            assert r.latitude is not None  # a position, or the clean error
