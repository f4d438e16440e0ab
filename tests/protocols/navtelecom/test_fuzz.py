"""The fuzz invariant for Navtelecom: any bytes, mutated real frames, and valid FLEX envelopes
around random records either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session
from fleetwire.protocols.navtelecom import PROTOCOL
from fleetwire.protocols.navtelecom.framing import build_flex, build_ntcb
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext("866795031410689", NOW, context=v.FLEX[26:])

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [b"@NTC", b"~A\x01", b"~T", b"~C"], fuzzing.TCP[0]
)


@FUZZ
@given(st.sampled_from([b"A\x01", b"A\x02", b"T\x00\x00\x00\x00", b"C"]), st.binary(max_size=400))
def test_valid_flex_random_records(head: bytes, records: bytes) -> None:
    frame = build_flex(head[0], head[1:], records)
    assert_clean(PROTOCOL, frame, CTX)
    s = Session()
    PROTOCOL.inspect(v.FLEX, s)
    with contextlib.suppress(DeviceError):  # and against the negotiated record size
        PROTOCOL.inspect(frame, s)


@FUZZ
@given(st.binary(max_size=80))
def test_valid_ntcb_random_body(body: bytes) -> None:
    for prefix in (b"", b"*>S:", b"*>FLEX", b"*@"):
        assert_clean(PROTOCOL, build_ntcb(1, 0, prefix + body), CTX)
