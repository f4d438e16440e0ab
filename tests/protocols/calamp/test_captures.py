"""CalAmp on 15 real device messages (tests/protocols/calamp/captures.py): each decodes to exactly
the values written down for it and passes the record sanity check, each is inspected as the one
datagram it arrives in (and framed whole in a byte stream where its type tells its length), and
the frames where Fleetwire and the reference decoder disagree are exactly the explained ones."""

from __future__ import annotations

import pytest

from fleetwire.protocols.base import Session, Transport
from fleetwire.protocols.calamp.framing import BODY_LENGTHS
from tests.protocols.captures import Capture, check_framed, standard_tests

from .captures import CAPTURES, message_type

(
    test_capture_decodes_to_its_values,
    _stream_framed,
    test_disagreements_with_the_reference_are_the_explained_ones,
) = standard_tests(CAPTURES, minimum=14)


@pytest.mark.parametrize("capture", CAPTURES.captures, ids=lambda c: c.hex[:24])
def test_capture_is_inspected_as_its_datagram(capture: Capture) -> None:
    up = CAPTURES.protocol.inspect(capture.frame, Session(Transport.UDP))
    assert up.unique_id
    # an ID Report ends where its datagram ends: no byte stream carries it
    if int(message_type(capture).split()[1]) in BODY_LENGTHS:
        check_framed(CAPTURES, capture)
