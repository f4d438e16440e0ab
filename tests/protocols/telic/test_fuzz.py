"""The fuzz invariant for Telic: any bytes, mutated real messages, and reports with random
fields either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.telic import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="436729", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, alphabet=b"\x00,|-0")
# garbage of NULs only: every other byte may open a message
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=20).map(lambda b: bytes(len(b)))
)

_FIELD = st.text(alphabet="0123456789-", max_size=14)


@FUZZ
@given(st.lists(_FIELD, min_size=1, max_size=24))
def test_report_with_random_fields(fields: list[str]) -> None:
    frame = ("0030203393" + "99," + ",".join(fields) + "\0").encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
