"""The fuzz invariant for Eelink: any bytes, mutated real packages, and well-formed envelopes
around random content (every pid the decoders know) either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.eelink import PROTOCOL
from fleetwire.protocols.eelink.decoding import DECODERS
from fleetwire.protocols.eelink.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="352544071750518", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a "gg" or "EE" mark byte
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in (0x67, 0x45)), max_size=40).map(bytes),
)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.binary(max_size=120), st.integers(0, 0xFFFF))
def test_well_formed_envelope_random_content(pid: int, content: bytes, seq: int) -> None:
    frame = build(pid, seq, content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.VALID), st.data())
def test_real_content_cut_and_rewrapped(pid: int, frame: bytes, data: st.DataObject) -> None:
    content = frame[frame.index(b"gg") + 7 :]
    cut = data.draw(st.integers(0, len(content)))
    assert_clean(PROTOCOL, build(pid, 1, content[:cut]), CTX)
