"""Cellocator inspect: the unit id of every message, the exact Type 4 acknowledge, and the
device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.cellocator import PROTOCOL
from fleetwire.protocols.cellocator.framing import build
from fleetwire.protocols.cellocator.inspect import acknowledge
from fleetwire.protocols.gt06 import Device as Gt06Device
from fleetwire.protocols.teltonika import Device as TeltonikaDevice

from . import vectors as v

# Type 4 of unit 549765 (85 63 08 00) for message numerator B2: command numerator 0, no
# authentication code, action 0, 11 spare bytes, checksum of everything after "MCGP".
VENDOR_ACK = bytes.fromhex("4d4347500485630800000000000000b20000000000000000000000a6")


def test_acknowledge_is_the_published_bytes() -> None:
    assert acknowledge(836522, 80, command_numerator=1) == v.DRIVETECH_ACK
    assert len(v.DRIVETECH_ACK) == 28


def test_vendor_status_gets_its_acknowledge() -> None:
    up = PROTOCOL.inspect(v.VENDOR_STATUS, Session())
    assert up == Uplink(FrameKind.DATA, unique_id="549765", ack=VENDOR_ACK, records=1)


@pytest.mark.parametrize(
    ("frame", "unit", "numerator"),
    [
        (v.TRACCAR_DISTRESS, 1429642, 0x03),
        (v.TRACCAR_UNIT_6, 6, 0x02),
        (v.DRIVETECH_MOVING, 776893, 0x0D),
        (v.DRIVETECH_NO_FIX, 836522, 0xFC),
        (v.TRACCAR_IGNITION, 3255192, 0xB1),
    ],
)
def test_status_messages(frame: bytes, unit: int, numerator: int) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.unique_id, up.records) == (FrameKind.DATA, str(unit), 1)
    assert up.ack == acknowledge(unit, numerator)
    assert up.ack[:9] == b"MCGP\x04" + unit.to_bytes(4, "little")
    assert up.ack[15] == numerator


def test_modular_messages_are_acknowledged() -> None:
    up = PROTOCOL.inspect(v.TRACCAR_MODULAR, Session())
    assert (up.kind, up.unique_id, up.records) == (FrameKind.DATA, "2254558", 1)
    assert up.ack == acknowledge(2254558, 0x54)


def test_other_types_are_kept_without_reply() -> None:
    other = build(b"\x03" + (1234).to_bytes(4, "little") + bytes(20))  # Type 3 over UDP
    assert PROTOCOL.inspect(other, Session()) == Uplink(FrameKind.OTHER, unique_id="1234")


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:16].hex())
def test_flipped_checksum_is_a_checksum_error(frame: bytes) -> None:
    for i in (-1, 20, 5):
        bad = bytearray(frame)
        bad[i] ^= 0x10
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.VENDOR_STATUS[:-1], Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(v.VENDOR_STATUS + b"\x00", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.TRACCAR_NOT_MCGP, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"MCGP\x0b" + bytes(10), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.VENDOR_STATUS) is Detection.YES
    assert PROTOCOL.detect(v.VENDOR_STATUS[:40]) is Detection.MORE
    assert PROTOCOL.detect(TeltonikaDevice("356307042441013").login()[0]) is Detection.NO
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
