"""iVT401 framing: real reports in every shape, CR/LF kept, garbage skipped to the next `(`."""

from __future__ import annotations

from fleetwire.protocols.ivt401 import PROTOCOL
from fleetwire.protocols.ivt401.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_real_reports_in_every_shape() -> None:
    assert_framing(PROTOCOL, v.VALID)


def test_line_end_stays_with_the_report() -> None:
    assert frame_length(v.NORMAL + b"\r\n" + v.NORMAL) == len(v.NORMAL) + 2


def test_a_report_cut_by_a_new_one_is_dropped() -> None:
    assert framer(PROTOCOL).feed(b"junk(TLN,8621" + v.NORMAL) == [v.NORMAL]
