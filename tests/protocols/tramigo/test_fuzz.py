"""The fuzz invariant for Tramigo: any bytes, mutated real frames, and 0x80 frames with random
text either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.tramigo import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="93877507", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.WHOLE, b"\x80\x04,.-0159 ")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [v.MOVING[:20], v.BINARY[:3]], fuzzing.TCP[0]
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.WHOLE, st.lists(st.integers(0, 255).filter(lambda b: b not in (4, 0x80))).map(bytes)
)


@FUZZ
@given(st.text(alphabet="0123456789.,:- NSEWabcdeMovingwthspdkm/hEOF", max_size=120),
       st.integers(0, 2**32 - 1))  # fmt: skip
def test_text_report_with_random_text(text: str, time: int) -> None:
    body = text.encode()
    header = struct.pack("<BBHHHHHII", 0x80, 0, 1, 0xB0, 20 + len(body), 0x101, 0, 1, time)
    assert_clean(PROTOCOL, header + body, CTX)


@FUZZ
@given(st.lists(st.sampled_from([0, 1, 4, 20, 22, 30, 40, 50, 255]) | st.integers(0, 255),
                max_size=6),
       st.binary(max_size=200))  # fmt: skip
def test_binary_report_with_random_blocks(kinds: list[int], fill: bytes) -> None:
    body = bytes(kinds) + fill
    header = struct.pack("<BHHHIII", 0x04, 19 + len(body), 0, 1, 35262569, 5239614, 0)
    assert_clean(PROTOCOL, header + body, CTX)
