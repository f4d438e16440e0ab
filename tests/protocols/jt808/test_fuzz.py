"""The fuzz invariant for JT/T 808: any bytes, mutated real frames, and valid envelopes (2013,
2019, sub-packaged) around random content either parse or raise the protocol's DeviceError,
nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.jt808 import PROTOCOL
from fleetwire.protocols.jt808.decoding import DECODERS
from fleetwire.protocols.jt808.framing import build_frame, open_frame
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, assert_clean_on_any, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="12345678901", received=NOW)
PHONES = st.sampled_from([bytes.fromhex("013912345678"), bytes.fromhex("4e5de66fba22")])

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.FRAMES)
# garbage without a 0x7e flag
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.FRAMES,
    st.lists(st.integers(0, 255).filter(lambda b: b != 0x7E), max_size=40).map(bytes),
)


test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:14] for f in v.FRAMES], Transport.TCP, tail=b"\x7e"
)


@FUZZ
@given(
    st.sampled_from(sorted(DECODERS)),
    st.binary(max_size=200),
    PHONES,
    st.sampled_from([None, 1]),
    st.integers(0, 0xFFFF),
)
def test_valid_envelope_random_content(
    msg_id: int, body: bytes, phone: bytes, version: int | None, serial: int
) -> None:
    """Random content behind a correct check code: the decoders themselves must stay clean."""
    if version is not None:
        phone = phone.rjust(10, b"\x00")
    frame = build_frame(msg_id, body, phone, serial, version)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(sorted(DECODERS)), st.sampled_from(v.FRAMES), st.data())
def test_real_content_truncated_behind_a_valid_envelope(
    msg_id: int, frame: bytes, data: st.DataObject
) -> None:
    """Real bodies cut short (or given to another type), re-wrapped with a valid check code."""
    env = open_frame(frame)
    body = env.data[env.start : env.end]
    cut = data.draw(st.integers(0, len(body)))
    assert_clean(PROTOCOL, build_frame(msg_id, body[:cut], env.phone, 1, env.version), CTX)


@FUZZ
@given(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.binary(max_size=64))
def test_any_header_attributes(msg_id: int, attrs: int, rest: bytes) -> None:
    """Every combination of version/sub-package/encryption bits and lengths."""
    data = msg_id.to_bytes(2, "big") + attrs.to_bytes(2, "big") + rest
    data += bytes((v.xor_reference(data),))
    frame = b"\x7e" + data.replace(b"\x7d", b"\x7d\x01").replace(b"\x7e", b"\x7d\x02") + b"\x7e"
    assert_clean_on_any(PROTOCOL, frame, Transport.TCP)
