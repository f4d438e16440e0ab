"""Aplicom on 26 real packets (tests/protocols/aplicom/captures.py): each decodes to exactly the
values written down for it and passes the record sanity check; every sound capture is framed
into its packets and inspected without a refusal; the disagreements with the reference decoder
are exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session
from tests.protocols.captures import Capture, check_capture, whole
from tests.protocols.contract import framer

from .captures import CAPTURES, DIFFERENCES


def _id(c: Capture) -> str:
    return c.hex[:24]


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=_id)
def test_capture_decodes_to_its_values(capture: Capture) -> None:
    check_capture(CAPTURES, capture)


# The first capture is a CAN information block ("CIF"), no Aplicom packet: decode refuses it as
# such (its expect says so), and the framer skips its first byte as garbage.
_PACKETS = [c for c in whole(CAPTURES) if c.expect.get("error") != "framing"]


@pytest.mark.parametrize("capture", _PACKETS, ids=_id)
def test_capture_is_framed_and_kept(capture: Capture) -> None:
    """A capture may hold several packets (one holds three): the framer cuts it into them."""
    frames = framer(CAPTURES.protocol).feed(capture.frame)
    assert b"".join(frames) == capture.frame
    for frame in frames:
        assert CAPTURES.protocol.inspect(frame, Session()).unique_id


def test_disagreements_with_the_reference_are_the_explained_ones() -> None:
    assert set(CAPTURES.disagreements()) == set(DIFFERENCES)
    assert len(CAPTURES.captures) - len(DIFFERENCES) >= 25
