"""The fuzz invariant for HuaSheng: any bytes, mutated real frames, random bytes behind real
headers and well-built frames with random content either parse or raise the DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.protocols.huasheng import PROTOCOL
from fleetwire.protocols.huasheng.constants import Type
from fleetwire.protocols.huasheng.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import NOW, framer
from tests.protocols.fuzzing import FUZZ, assert_clean

from . import vectors as v

CTX = DecodeContext(unique_id="862950028534306", received=NOW)

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 400)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, b"\xc0\xdb\xdc\xdd\x00")
test_random_bytes_behind_a_header = fuzzing.behind_heads_test(
    PROTOCOL, [f[:13] for f in v.VALID], Transport.TCP, max_size=80, tail=b"\xc0"
)
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"\xc0", b""))
)


@FUZZ
@given(st.sampled_from(list(Type)), st.binary(max_size=90))
def test_well_built_frames_with_random_content(kind: Type, content: bytes) -> None:
    frame = build(0, kind, 7, content)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_clean(PROTOCOL, frame, CTX)
