"""The fuzz invariant for Topin: any bytes, mutated real frames, random content behind real
headers, and well-framed messages of every number with random content either parse or raise
the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.topin import PROTOCOL
from fleetwire.protocols.topin.constants import Message
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="359339075416963", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"\x78\x0d\x0a\x00\xff")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:4] for f in v.VALID], Transport.TCP, max_size=80, tail=b"\r\n"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"\x78", b""))
)


@FUZZ
@given(st.sampled_from(list(Message)), st.binary(max_size=60))
def test_well_framed_messages_with_random_content(message: Message, content: bytes) -> None:
    frame = b"\x78\x78" + bytes((len(content) + 1, message)) + content + b"\r\n"
    assert_clean(PROTOCOL, frame, CTX)
