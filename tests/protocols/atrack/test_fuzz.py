"""The fuzz invariant for ATrack: any bytes, mutated real frames, and valid envelopes (binary
CRC, text CRC and length) around random content either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols._binary import crc16_arc
from fleetwire.protocols.atrack import PROTOCOL
from fleetwire.protocols.atrack.framing import build_binary
from fleetwire.protocols.base import DecodeContext
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="352964052096642", received=NOW)
BINARY = [f for f in v.VALID if f[:1] == b"@" and f[2:3] != b","]
TEXT = [f for f in v.VALID if f[:3] == b"@P,"]

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID)
# garbage without a possible start
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.lists(st.integers(0, 255).filter(lambda b: b not in b"@$\xfe"), max_size=40).map(bytes),
)


@FUZZ
@given(st.binary(max_size=300), st.integers(0, 0xFFFF), st.sampled_from([b"@P", b"@Z", b"@R"]))
def test_valid_envelope_random_content(payload: bytes, seq: int, prefix: bytes) -> None:
    frame = build_binary(seq, 352964052096642, payload, prefix)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(BINARY), st.data())
def test_real_records_cut_and_mutated_behind_a_valid_envelope(
    frame: bytes, data: st.DataObject
) -> None:
    """Real record bytes cut short or changed, re-wrapped with a correct CRC: the record walk
    and the custom-data reader must stay clean."""
    payload = bytearray(frame[16:])
    for _ in range(data.draw(st.integers(0, 3))):
        if payload:
            payload[data.draw(st.integers(0, len(payload) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(payload)))
    assert_clean(PROTOCOL, build_binary(1, 1, bytes(payload[:cut])), CTX)


def _text_frame(body: bytes) -> bytes:
    tail = b",1,352964052096642," + body
    length = str(len(tail)).encode()
    crc = crc16_arc(b"," + length + tail)
    return b"@P," + f"{crc:04X}".encode() + b"," + length + tail


TEXT_BODY = st.lists(
    st.one_of(
        st.integers(-(10**12), 10**12).map(str),
        st.sampled_from(["", "\x1a", "%CI%MV%GL%SA", "%CI%XX", "20181399000000", "6.5", "x"]),
    ),
    max_size=24,
).map(lambda fields: (",".join(fields) + "\r\n").encode("latin-1"))


@FUZZ
@given(TEXT_BODY)
def test_valid_text_envelope_random_fields(body: bytes) -> None:
    frame = _text_frame(body)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(st.sampled_from(TEXT), st.data())
def test_real_text_records_mutated_behind_a_valid_envelope(
    frame: bytes, data: st.DataObject
) -> None:
    start = frame.index(b",", frame.index(b",", frame.index(b",", 8) + 1) + 1) + 1
    body = bytearray(frame[start:-2])
    for _ in range(data.draw(st.integers(1, 3))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(
            st.sampled_from(b",-0123456789%\x1a\nA")
        )
    assert_clean(PROTOCOL, _text_frame(bytes(body) + b"\r\n"), CTX)
