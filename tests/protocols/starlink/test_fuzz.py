"""The fuzz invariant for StarLink: any bytes, mutated real reports, and reports with a right
checksum around random fields, in the default and a configured format, either parse or raise
the protocol's DeviceError."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.starlink import PROTOCOL
from fleetwire.protocols.starlink.framing import build
from tests.protocols import fuzzing
from tests.protocols.contract import FAR, NOW, assert_sane, framer
from tests.protocols.fuzzing import FUZZ

from . import vectors as v

test_random_bytes = fuzzing.random_bytes_test(PROTOCOL, 600)
test_mutated_real_frames = fuzzing.mutated_frames_test(PROTOCOL, v.VALID, alphabet=b"$*,+-.0")
# garbage without a '$'
test_stream_of_frames_behind_garbage = fuzzing.stream_test(
    PROTOCOL, v.VALID, st.binary(max_size=40).map(lambda b: b.replace(b"$", b""))
)

_FIELD = st.text(alphabet="0123456789+-.ABCabc=/", max_size=20)


@FUZZ
@given(st.lists(_FIELD, max_size=26), st.sampled_from(["", v.SENSOR_FORMAT, v.FUEL_FORMAT]))
def test_checksummed_report_with_random_fields(fields: list[str], form: str) -> None:
    frame = build(",".join(["SLU031B2B", "06", "1", *fields]))
    assert framer(PROTOCOL).feed(frame) == [frame]
    options = {"format": form} if form else {}
    ctx = DecodeContext(unique_id="031B2B", received=NOW, options=options)
    try:
        records = PROTOCOL.decode(frame, ctx)
    except DeviceError:
        return
    for r in records:
        assert_sane(r, FAR)
