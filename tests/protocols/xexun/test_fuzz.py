"""The fuzz invariant for Xexun: any bytes, mutated real messages, and messages with valid
checksums around random content either parse or raise the protocol's DeviceError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, Transport
from fleetwire.protocols.xexun import PROTOCOL
from fleetwire.protocols.xexun.constants import crc16_xmodem
from tests.protocols.contract import NOW, assert_clean_on_any, framer

from . import vectors as v

# Example counts come from the project profiles (tests/conftest.py: dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CTX = DecodeContext(unique_id="351525010943661", received=NOW)
TEXT = st.text(alphabet="0123456789ABCDEFNSEWAVLF.,-:/=| *", max_size=120)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.binary(max_size=64), st.sampled_from(v.VALID))
def test_random_bytes_behind_a_head(data: bytes, frame: bytes) -> None:
    assert_clean_on_any(PROTOCOL, frame[:40] + data, Transport.TCP)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    frame = bytearray(draw(st.sampled_from(v.VALID)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(frame) - 1))
        frame[i] = draw(st.sampled_from(b"0123456789,.*:GNRMCimeFLV\r\n\xff"))
    cut = draw(st.integers(0, len(frame)))
    return bytes(frame[:cut]) + draw(st.binary(max_size=16))


@FUZZ
@given(mutated())
def test_mutated_real_messages(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


def _check(frame: bytes) -> None:
    framer(PROTOCOL).feed(frame)
    for call in (lambda: PROTOCOL.inspect(frame, Session()), lambda: PROTOCOL.decode(frame, CTX)):
        with contextlib.suppress(DeviceError):
            call()


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


@FUZZ
@given(
    st.lists(st.sampled_from(v.VALID), min_size=1, max_size=5),
    st.binary(max_size=40).map(lambda b: bytes(c for c in b if c not in b"0123456789,G")),
    st.integers(1, 50),
)
def test_stream_of_messages_behind_garbage(frames: list[bytes], garbage: bytes, chunk: int) -> None:
    """Garbage without a possible start is skipped; messages come out whole in any chunking."""
    stream = garbage + b"".join(frames)
    fr = framer(PROTOCOL)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    assert got == frames
