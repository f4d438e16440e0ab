"""The fuzz invariant for Wialon IPS: any bytes, mutated real frames, and valid v2.0 CRCs
around random fields either parse or raise the protocol's DeviceError, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.wialon import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, assert_clean_on_any, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

FIELD = st.one_of(
    st.sampled_from(["NA", "", "0", "-1", "5544.6025", "N", "W", "1.5", "999999", "a:1:2"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n;|"), max_size=12),
)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400, fuzzing.TCP_UDP)
test_mutated_real_frames = fuzzing.mutated_frames_test(
    PROTOCOL,
    [*v.VALID, v.UDP_D_V2, v.UDP_SD_V1, v.LOGIN_V2_BAD_CRC],
    b"#;|:,.0129ANW\r\n\xff",
    fuzzing.TCP_UDP,
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.just(b"garbage \x00\x01"), max_chunk=40
)


@FUZZ
@given(st.sampled_from(["L", "SD", "D", "B", "M", "I", "P", "AM"]), st.binary(max_size=200))
def test_random_bodies(kind: str, body: bytes) -> None:
    assert_clean_on_any(PROTOCOL, b"#" + kind.encode() + b"#" + body + b"\r\n", Transport.TCP)


@FUZZ
@given(
    st.sampled_from(["SD", "D"]),
    st.lists(FIELD, min_size=10, max_size=16),
)
def test_valid_crc_random_fields(kind: str, fields: list[str]) -> None:
    """Random field values behind a correct v2.0 CRC: the field decoders must stay clean."""
    frame = v.v2(kind, ";".join(fields))
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, DecodeContext(unique_id="1", received=NOW))
