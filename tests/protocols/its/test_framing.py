"""AIS-140 framing: real packets through the shared framer in every shape, the vendors' ends
(checksum after `*`, a checksum byte before it, a trailer, none at all), garbage skipped."""

from __future__ import annotations

from fleetwire.protocols.its import PROTOCOL
from fleetwire.protocols.its.framing import frame_length
from tests.protocols.contract import assert_framing, framer

from . import vectors as v


def test_real_packets_in_every_shape() -> None:
    # the packets that end at their one `*`: any cut point gives the same frames (after a
    # checksum byte that is itself `*`, a read that ends between the two ends the packet)
    ending_at_star = [f for f in v.VALID if f.endswith(b"*") and not f.endswith(b"**")]
    assert len(ending_at_star) > 20
    assert_framing(PROTOCOL, ending_at_star)


def test_a_packet_without_an_end_is_closed_by_the_next() -> None:
    """ItsFrameDecoderTest's stream: a login with no `*` and a packet right behind it."""
    frames = framer(PROTOCOL).feed(v.ATL_STREAM)
    assert frames == [v.LOGIN_NO_END, v.ATL_STREAM[len(v.LOGIN_NO_END) :]]
    assert frames[1].endswith(b",f*")


def test_hex_checksum_and_line_end_stay_with_the_packet() -> None:
    packet = b"$Header,iTriangle1,KA01G1234,864495034434610,X,AIS140,0.0,N,0.0,E*5E\r\n"
    assert frame_length(packet + v.LOGIN) == len(packet)
    assert framer(PROTOCOL).feed(packet + v.LOGIN) == [packet, v.LOGIN]


def test_a_checksum_byte_that_is_a_marker_is_not_an_end() -> None:
    for byte in (b"$", b"*", b"\xbc", b":"):
        packet = b"$,CP,ATL,1.0,NR,01,L,868728037717441,,1," + byte + b"*"
        assert framer(PROTOCOL).feed(packet + v.LOGIN) == [packet, v.LOGIN], byte


def test_a_trailer_after_the_end_stays_with_the_packet() -> None:
    packet = b"$,C,CTPL,4.0.0,NR,01,L,869247045166383,0B,*,IP=106.67.5.173"
    assert framer(PROTOCOL).feed(packet + b"\r\n" + v.LOGIN) == [packet + b"\r\n", v.LOGIN]


def test_garbage_is_skipped_to_the_next_packet() -> None:
    fr = framer(PROTOCOL)
    assert fr.feed(b"\x00\x01junk" + v.EMERGENCY) == [v.EMERGENCY]
    assert fr.garbage_total == 6


def test_a_control_byte_inside_the_text_drops_that_packet() -> None:
    assert framer(PROTOCOL).feed(b"$NRM,RO\x01ADRPA" + v.EMERGENCY) == [v.EMERGENCY]
