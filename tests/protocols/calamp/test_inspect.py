"""LM Direct inspect: the Mobile ID as identity, the frame kind per message type and the exact
Acknowledge bytes (GUIDE, section 2: Options Header with the device's Mobile ID and type, then
service type 02 "response", message type 01 "ACK/NAK", the same sequence number, and the body:
acknowledged message type, ACK code 00, spare 00, App Version 00 00 00)."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session, Transport, Uplink
from fleetwire.protocols.calamp import PROTOCOL

from . import vectors as v

UDP = Session(Transport.UDP)


def h(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", "").replace("|", ""))


@pytest.mark.parametrize(
    ("frame", "unique_id", "ack"),
    [
        (v.EVENT_INDIA, "1633033459", h("83 05 1633033459 01 01 | 02 01 8afd | 02 00 00 000000")),
        (
            v.EVENT_IMEI,
            "352648068863398",
            h("83 08 352648068863398f 01 07 | 02 01 039c | 02 00 00 000000"),
        ),
        (
            v.EVENT_MEID,
            "270113179708107822",
            h("83 09 270113179708107822 01 07 | 02 01 00dc | 02 00 00 000000"),
        ),
        (v.MINI_RIYADH, "4332149486", h("83 05 4332149486 01 01 | 02 01 0080 | 0a 00 00 000000")),
        (v.USER_DATA, "4764358634", h("83 05 4764358634 01 01 | 02 01 0010 | 04 00 00 000000")),
    ],
)
def test_data_gets_the_acknowledge_message(frame: bytes, unique_id: str, ack: bytes) -> None:
    up = PROTOCOL.inspect(frame, UDP)
    assert up == Uplink(FrameKind.DATA, unique_id=unique_id, ack=ack, records=1)


def test_acknowledged_null_is_a_heartbeat_and_is_acked() -> None:
    up = PROTOCOL.inspect(v.NULL_ACKED, UDP)
    ack = h("83 05 0102030405 01 01 | 02 01 0001 | 00 00 00 000000")
    assert up == Uplink(FrameKind.HEARTBEAT, unique_id="0102030405", ack=ack)


def test_id_report_identifies_the_device() -> None:
    up = PROTOCOL.inspect(v.ID_REPORT, UDP)
    ack = h("83 05 4532104183 01 01 | 02 01 0001 | 03 00 00 000000")
    assert up == Uplink(FrameKind.LOGIN, unique_id="4532104183", ack=ack)


def test_unacknowledged_request_gets_no_ack() -> None:
    frame = bytearray(v.EVENT_INDIA)
    frame[9] = 0  # service type: unacknowledged request
    up = PROTOCOL.inspect(bytes(frame), UDP)
    assert up.kind is FrameKind.DATA and up.ack == b""


def test_device_acknowledge_is_a_reply_and_not_acked() -> None:
    frame = h("83 05 4332149486 01 01 | 02 01 0007 | 07 00 00 010203")
    up = PROTOCOL.inspect(frame, UDP)
    assert up == Uplink(FrameKind.REPLY, unique_id="4332149486")


def test_without_options_header_there_is_no_identity_and_a_bare_ack() -> None:
    frame = v.EVENT_INDIA[9:]
    up = PROTOCOL.inspect(frame, UDP)
    assert up.unique_id is None
    assert up.ack == h("02 01 8afd 02 00 00 000000")


def test_only_mobile_id_is_echoed_when_the_type_is_absent() -> None:
    frame = b"\x81" + v.NULL_ACKED[1:7] + v.NULL_ACKED[9:]
    assert PROTOCOL.inspect(frame, UDP).ack == h("81 05 0102030405 | 02 01 0001 | 00 00 00 000000")


def test_other_options_fields_are_skipped_not_echoed() -> None:
    # authentication word (bit 2) and response redirection (bit 5) between the id and the header
    frame = h("a7 05 0102030405 01 01 04 deadbeef 06 0a000001 4e20 | 01 00 0001")
    up = PROTOCOL.inspect(frame, UDP)
    assert up.unique_id == "0102030405"
    assert up.ack == h("83 05 0102030405 01 01 | 02 01 0001 | 00 00 00 000000")


def test_unknown_message_type_is_other_and_still_acked() -> None:
    frame = h("83 05 0102030405 01 01 | 01 06 0002 | 0102")
    up = PROTOCOL.inspect(frame, UDP)
    assert up.kind is FrameKind.OTHER
    assert up.ack == h("83 05 0102030405 01 01 | 02 01 0002 | 06 00 00 000000")


@pytest.mark.parametrize(
    ("frame", "error"),
    [
        (v.EVENT_INDIA[:-1], TruncatedFrame),
        (v.EVENT_INDIA + b"\x00", InvalidField),
        (v.MINI_RIYADH[:-4], TruncatedFrame),
        (v.NULL_ACKED + b"\x00", InvalidField),
        (h("83 05 0102030405 02 0101 | 01 00 0001"), InvalidField),  # Mobile ID Type of 2 bytes
        (h("83 00 01 01 | 01 00 0001"), InvalidField),  # empty Mobile ID
        (h("83 05 0102030405 01 01 | 03 00 0001"), InvalidField),  # service type 3
        (h("83 05 ffffffffff 01 01 | 01 00 0001"), InvalidField),  # no digits at all
        (b"", TruncatedFrame),
    ],
)
def test_broken_messages(frame: bytes, error: type[DeviceError]) -> None:
    with pytest.raises(error):
        PROTOCOL.inspect(frame, UDP)
