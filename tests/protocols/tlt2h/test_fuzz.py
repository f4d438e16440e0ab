"""The fuzz invariant for TLT-2H: any bytes, mutated real messages, and messages with random
record lines either parse or raise the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.tlt2h import PROTOCOL
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="357671030946351", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, alphabet=b"#$,*\r\n")
# garbage without a '#'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"#", b""))
)

_FIELDS = st.lists(st.text(alphabet="0123456789.-ANSEWV", max_size=12), max_size=14)


@FUZZ
@given(st.sampled_from(["GPRMC", "WIFI", "GNRMC", "XYZ"]), _FIELDS)
def test_record_line_with_random_fields(sentence: str, fields: list[str]) -> None:
    line = f"#25ee0dff${sentence},{','.join(fields)}*00\r\n"
    frame = f"#357671030946351#V500#0000#AUTO#1\r\n{line}##".encode()
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
