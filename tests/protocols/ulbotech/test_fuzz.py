"""The fuzz invariant for Ulbotech: any bytes, mutated real frames, valid envelopes (right
escapes and CRC) around random blocks, and random text items either parse or raise the
protocol's DeviceError; every record decoded passes the sanity check."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.ulbotech import PROTOCOL
from fleetwire.protocols.ulbotech.blocks import BLOCKS
from fleetwire.protocols.ulbotech.framing import build_binary, unescape
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="353323083177450", received=NOW)
HEAD = bytes.fromhex("0101" + "0353323083177450")

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, alphabet=b"\xf8\xf7\x00\x0f*#,:;"
)
# garbage that holds no possible start: neither F8 nor '*'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 0xF7).filter(lambda b: b != 0x2A), max_size=40).map(bytes),
    max_frames=4,
    max_chunk=64,
)


@st.composite
def block(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from([*BLOCKS, 0x06, 0x0B, 0x3F, 0x7F]))
    data = draw(st.binary(max_size=24))
    size = len(data).to_bytes(2 if kind in (0x0B, 0x3F) else 1, "big")
    return bytes((kind,)) + size + data


@FUZZ
@given(st.binary(min_size=4, max_size=4), st.lists(block(), max_size=6), st.binary(max_size=3))
def test_valid_envelope_random_blocks(stamp: bytes, blocks: list[bytes], tail: bytes) -> None:
    frame = build_binary(HEAD + stamp + b"".join(blocks) + tail)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(v.BINARY), st.data())
def test_real_blocks_cut_and_rewrapped(frame: bytes, data: st.DataObject) -> None:
    """Real blocks cut short or with a byte changed, behind valid escapes and CRC."""
    content = bytearray(unescape(frame[1:-1])[:-2])
    cut = data.draw(st.integers(14, len(content)))
    body = content[:cut]
    if len(body) > 14:
        i = data.draw(st.integers(14, len(body) - 1))
        body[i] ^= data.draw(st.integers(1, 255))
    assert_clean(PROTOCOL, build_binary(bytes(body)), CTX)


_ITEM = st.sampled_from(["GPS", "STT", "MGR", "ADC", "WFE", "LBS"])
_VALUE = st.text(alphabet="0123456789ABCDEFNSEW;.-+ex", max_size=30)


@FUZZ
@given(st.lists(st.tuples(_ITEM, _VALUE), max_size=5), st.text("0123456789", max_size=13))
def test_random_text_items(items: list[tuple[str, str]], stamp: str) -> None:
    body = ",".join(f"{k}:{val}" for k, val in items)
    frame = f"*TS01,353323083177450,{stamp},{body}#".encode("ascii")
    assert_clean(PROTOCOL, frame, CTX)
