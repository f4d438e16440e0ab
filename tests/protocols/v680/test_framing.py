"""V680 framing: real reports whole, glued, byte by byte and behind garbage; the `##` of an
empty user field is not an end, the one after the last fix is."""

from __future__ import annotations

from fleetwire.protocols.base import NEED_MORE
from fleetwire.protocols.v680 import PROTOCOL
from fleetwire.protocols.v680.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_framing_of_real_reports() -> None:
    assert_framing(PROTOCOL, v.REPORTS)


def test_ends() -> None:
    head = b"#355488020168617##1#0000#AUT#01#"
    assert frame_length(head) == NEED_MORE  # the user field's "##" is no end
    report = v.REPORTS[1]
    assert frame_length(report + b"#356") == len(report)
    assert frame_length(b"#3554##1#0000#AUT#0\r\n") == 20  # a line end closes a report
    assert frame_length(b"#3554##1#0000#AUT#0###3554") == 21  # a header of no fix
    assert framer(PROTOCOL).feed(b"junk" + report) == [report]
