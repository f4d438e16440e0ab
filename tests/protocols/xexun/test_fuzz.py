"""The fuzz invariant for Xexun: any bytes, mutated real messages, and messages with valid
checksums around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols._binary import crc16_xmodem
from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.xexun import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="351525010943661", received=NOW)
TEXT = st.text(alphabet="0123456789ABCDEFNSEWAVLF.,-:/=| *", max_size=120)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, v.VALID, b"0123456789,.*:GNRMCimeFLV\r\n\xff"
)
# garbage without a possible start (a digit, `,` or `G`)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL,
    v.VALID,
    st.binary(max_size=40).map(lambda b: bytes(c for c in b if c not in b"0123456789,G")),
)


test_random_bytes_behind_a_head = fuzzing.behind_heads_test(
    PROTOCOL, [f[:40] for f in v.VALID], Transport.TCP
)


def _check(frame: bytes) -> None:
    framer(PROTOCOL).feed(frame)
    assert_clean(PROTOCOL, frame, CTX)


@FUZZ
@given(TEXT)
def test_random_sentence_with_a_valid_nmea_checksum(sentence: str) -> None:
    body = "GPRMC," + sentence.replace("*", "")
    cs = 0
    for c in body:
        cs ^= ord(c)
    _check(f"{body}*{cs:02X},F,,imei:351525010943661,".encode())


@FUZZ
@given(st.sampled_from([m for m in v.FULL if b"GPRMC" in m or b"GNRMC" in m]), TEXT)
def test_random_tail_with_a_valid_length_and_crc(message: bytes, tail: str) -> None:
    """A real head and random tail fields, with the length and CRC made right."""
    head = message.split(b"imei:")[0] + b"imei:864504031916915,"
    fields = (tail + ",,,,,,,,,,").split(",")
    counted = head + ",".join(fields[:4]).encode() + b","
    counted += str(len(counted)).encode() + b","
    rest = ",".join(fields[6:10]).encode()
    _check(counted + str(crc16_xmodem(counted)).encode() + b"," + rest + b"\r")
