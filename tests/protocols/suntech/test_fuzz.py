"""The fuzz invariant for Suntech: any bytes, mutated real reports, and well-formed reports
with random fields (text, and binary with a random field map) either parse or raise the
protocol's DeviceError, nothing else; whatever the binary decoder returns is sane."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.suntech import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FAR, FUZZ, assert_clean, mutations

from . import vectors as v

CTX = DecodeContext(unique_id="205173382", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b";.+-:\r\n0123456789\x00\xff"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(PROTOCOL, v.VALID, st.just(b"noise"))


test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:10] for f in v.VALID], Transport.UDP
)


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
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(mutations(v.BINARY, b"\x00\x01\x7f\x80\xff"))
def test_mutated_binary_reports_decode_sanely(frame: bytes) -> None:
    """Real binary reports flipped, cut and extended: the device's error or sane records."""
    assert_clean(PROTOCOL, frame, CTX, FAR)


@FUZZ
@given(
    st.sampled_from([0x81, 0x82]),
    st.from_regex(r"[0-9]{10}", fullmatch=True),
    st.integers(0, 0xFFFFFF),
    st.binary(max_size=120),
)
def test_wellformed_binary_reports_with_random_fields(
    kind: int, uid: str, mask: int, body: bytes
) -> None:
    """Binary reports whose envelope is right, with any field map and any field bytes."""
    payload = bytes.fromhex(uid) + mask.to_bytes(3, "big") + body
    frame = bytes([kind]) + len(payload).to_bytes(2, "big") + payload
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX, FAR)
