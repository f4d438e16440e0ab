"""The fuzz invariant for Teltonika: parse it or raise a DeviceError, nothing else.

Random bytes, and real frames flipped, truncated and extended, through the framer, inspect and
decode on both transports; mutated data under a correct CRC, and UDP datagrams around real
data with noise in the records.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import Transport
from fleetwire.protocols.teltonika import PROTOCOL
from fleetwire.protocols.teltonika.framing import wrap_tcp
from tests.protocols import fuzzing
from tests.protocols.contract import assert_clean_on_any
from tests.protocols.fuzzing import FUZZ
from tests.protocols.teltonika import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 300, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL, [*v.TCP_FRAMES, v.UDP_C8, v.C12_GETINFO, v.C14_GETVER], transports=fuzzing.TCP_UDP
)


@st.composite
def rewrapped(draw: st.DrawFn) -> bytes:
    """Mutated data under a correct CRC: gets past the envelope into the record parser."""
    frame = draw(st.sampled_from(v.AVL_FRAMES + v.REPLY_FRAMES))
    data = bytearray(frame[8:-4])
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(1, len(data) - 1))  # keep the codec, so the right parser runs
        data[i] = draw(st.integers(0, 255))
    cut = draw(st.integers(3, len(data)))
    return wrap_tcp(bytes(data[:cut]))


@FUZZ
@given(rewrapped())
def test_mutated_data_with_valid_crc(data: bytes) -> None:
    assert_clean_on_any(PROTOCOL, data, Transport.TCP)


@FUZZ
@given(st.sampled_from(v.AVL_FRAMES), st.binary(min_size=1, max_size=8))
def test_udp_datagrams_around_real_data(frame: bytes, noise: bytes) -> None:
    # the UDP header wrapped around TCP data, with noise in the middle of the records
    body = bytes.fromhex("CAFE0105000F333532303933303836343033363535") + frame[8:-4]
    mid = len(body) // 2
    body = body[:mid] + noise + body[mid + len(noise) :]
    datagram = len(body).to_bytes(2, "big") + body
    assert_clean_on_any(PROTOCOL, datagram, Transport.UDP)
