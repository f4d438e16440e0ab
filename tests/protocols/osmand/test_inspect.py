"""OsmAnd inspect: identity from id / deviceid / device_id, the exact 200 reply and the 400
reject, the device's error for requests without an id or coordinates, and the strict detect()."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, InvalidField, TruncatedFrame
from fleetwire.model import Record
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.osmand import PROTOCOL, Device
from tests.protocols.contract import NOW

from . import vectors as v

ACK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
REJECT = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize(
    ("frame", "unique_id"),
    [
        (v.ISO_Z, "902064"),
        (v.SPACE_TIME, "353861053849681"),
        (v.DEVICEID, "123456"),
        (v.BATT, "861001000719969"),
        (v.JSON_STILL, "48241179"),
        (v.JSON_IOS_MOCK, "658765"),
        (v.JSON_MOVING, "8737767034"),
        (v.FORM, "123456"),
        (v.POST_QUERY, "123456"),
    ],
)
def test_identity_and_exact_reply(frame: bytes, unique_id: str) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.ack, up.reject, up.records, up.store) == (
        FrameKind.DATA, unique_id, ACK, REJECT, 1, True,
    )  # fmt: skip


def test_json_batch_counts_its_locations() -> None:
    body = (
        '{"device_id":"42","location":[{"coords":{"latitude":1,"longitude":2}},'
        '{"coords":{"latitude":3,"longitude":4}}]}'
    )
    assert PROTOCOL.inspect(v.post_json(body), Session()).records == 2


def test_numeric_json_device_id_and_query_fallback() -> None:
    body = '{"device_id":123,"location":{"coords":{"latitude":1,"longitude":2}}}'
    assert PROTOCOL.inspect(v.post_json(body), Session()).unique_id == "123"
    body = '{"location":{"coords":{"latitude":1,"longitude":2}}}'
    assert PROTOCOL.inspect(v.post_json(body, "/?id=77"), Session()).unique_id == "77"


@pytest.mark.parametrize(
    "frame",
    [
        v.NO_ID,  # Traccar: nothing decoded
        v.CELLS_ONLY,  # Traccar: a position at the last known place; we need coordinates
        v.get("/?id=&lat=1&lon=2"),
        v.get("/?id=1&lat=1"),
        v.get("/?id=1&location=60.0"),
        v.get("/?id=1&lat=north&lon=2"),
        v.get("/?id=1&lat=91&lon=2"),
        v.get("/?id=1&lat=nan&lon=2"),
        v.get("/?id=%FF&lat=1&lon=2"),  # not UTF-8
        v.get("/?id=%01&lat=1&lon=2"),  # not printable
        v.get("/?id=" + "9" * 129 + "&lat=1&lon=2"),
        v.post_json('{"device_id":"1"}'),
        v.post_json('{"device_id":"1","location":{"coords":{"latitude":1}}}'),
        v.post_json('{"device_id":"1","location":{"coords":{"latitude":true,"longitude":1}}}'),
        v.post_json('{"device_id":true,"location":{"coords":{"latitude":1,"longitude":1}}}'),
        v.post_json('{"device_id":"1","location":[]}'),
        v.post_json('[{"device_id":"1"}]'),
        v.post_json('{"device_id":"1",'),
        v.post_form("lat=1&lon=2"),
    ],
)
def test_requests_that_would_not_decode_are_not_acked(frame: bytes) -> None:
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(frame, Session())


def test_broken_envelopes() -> None:
    f = v.JSON_MOVING
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(f + b"}", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"HELLO / HTTP/1.1\r\n\r\n", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"GET /?id=1 HTTP/3\r\n\r\n", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"GET /?id=1&lat=1&lon=2 HTTP/1.1\r\n", Session())


def test_absolute_form_target() -> None:
    frame = b"GET http://example.com:5055/?id=5&lat=1&lon=2 HTTP/1.1\r\nHost: example.com\r\n\r\n"
    assert PROTOCOL.inspect(frame, Session()).unique_id == "5"


def test_detect_a_real_session() -> None:
    for frame in (v.ISO_Z, v.DEVICEID, v.JSON_MOVING, v.FORM):
        assert PROTOCOL.detect(frame) == Detection.YES
    # the request line alone is enough
    assert PROTOCOL.detect(v.ISO_Z[: v.ISO_Z.index(b"\r\n") + 2]) == Detection.YES
    fix = Record(fix_time=NOW, valid=True, latitude=1.5, longitude=2.5)
    first, _ = Device("123456").report([fix])  # no login: a session opens with a report
    assert PROTOCOL.detect(first) == Detection.YES


def test_detect_says_more_while_the_request_line_is_incomplete() -> None:
    for head in (b"", b"G", b"GET /", b"POS", b"GET /?id=1", b"POST /?id=1 HTTP/1.1"):
        assert PROTOCOL.detect(head) == Detection.MORE, head
    assert PROTOCOL.detect(b"GET /?" + b"a" * 3000) == Detection.NO


def test_detect_says_no_to_other_protocols_and_other_requests() -> None:
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    for head in (
        b"GET / HTTP/1.1\r\n\r\n",  # a browser or a health check: no query
        b"GET /?lat=1&lon=2 HTTP/1.1\r\n",  # no id
        b"GET /gprmc/Data?id=1 HTTP/1.1\r\n",  # another HTTP tracker protocol's path
        b"GET /?id=1 RTSP/1.0\r\n",
        b"HEAD /?id=1 HTTP/1.1\r\n",
        b"##,imei:359586015829802,A;",
        b"$$A,123",
    ):
        assert PROTOCOL.detect(head) == Detection.NO, head
