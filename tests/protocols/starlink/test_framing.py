"""StarLink framing: real reports through the shared framer in every shape, the CR LF between
reports, resync behind garbage and after a broken checksum field, and the size cap."""

from __future__ import annotations

import pytest

from fleetwire.errors import FrameTooLarge
from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.starlink import PROTOCOL
from fleetwire.protocols.starlink.framing import frame_length
from tests.protocols.contract import assert_framing, assert_prefixes_need_more_or_fail, framer

from . import vectors as v


def test_framing_of_glued_real_reports() -> None:
    assert_framing(PROTOCOL, [v.POSITION, v.NO_FIX, v.SENSORS, v.FUEL])


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[4:20].decode())
def test_every_report_whole_and_every_prefix(frame: bytes) -> None:
    assert frame_length(frame) == len(frame)
    assert framer(PROTOCOL).feed(frame) == [frame]
    assert_prefixes_need_more_or_fail(PROTOCOL, frame)


def test_line_ends_between_reports_are_passed_over() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(v.POSITION + b"\r\n" + v.NO_FIX + b"\r\n") == [v.POSITION, v.NO_FIX]
    assert fr.garbage_total == 0


def test_garbage_and_broken_envelopes() -> None:
    assert frame_length(b"") == NEED_MORE
    assert frame_length(b"$SL") == NEED_MORE
    assert frame_length(b"$GPRMC,1*00") == -1
    assert frame_length(b"xyz$SLU") == -3
    assert frame_length(b"$SLU1,06\x01,1*00") == -8
    assert frame_length(b"$SLU1,06*Z0") == -9  # no checksum digits: resync after the "*"
    assert framer(PROTOCOL).feed(b"$SLU1,0$" + v.POSITION) == [v.POSITION]


def test_unterminated_report_hits_the_size_cap() -> None:
    with pytest.raises(FrameTooLarge):
        framer(PROTOCOL).feed(b"$SLU1,06," + b"0" * PROTOCOL.max_frame_size)
