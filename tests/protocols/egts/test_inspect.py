"""EGTS inspect: identities (TERM_IDENTITY's IMEI or TID, else the records' object id), the
exact replies (EGTS_PT_RESPONSE with a RECORD_RESPONSE per record, RESULT_CODE after the
authorisation), both checked against bit-by-bit CRCs, and the device's error for every broken
packet."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, InvalidField, TruncatedFrame
from fleetwire.protocols.base import Detection, FrameKind, Session, Uplink
from fleetwire.protocols.egts import PROTOCOL
from fleetwire.protocols.egts.framing import build_packet
from fleetwire.protocols.gt06 import Device as Gt06Device

from . import vectors as v


def crc8_reference(data: bytes) -> int:
    """The GOST's header CRC-8 bit by bit (poly 0x31, init 0xFF): check("123456789") = 0xF7."""
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x31 if crc & 0x80 else crc << 1) & 0xFF
    return crc


def crc16_reference(data: bytes) -> int:
    """The GOST's data CRC-16/CCITT bit by bit (poly 0x1021, init 0xFFFF): check = 0x29B1."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc


def packet(pid: int, pt: int, data: bytes) -> bytes:
    """A packet written out field by field, with the reference CRCs."""
    head = bytes((1, 0, 0, 11, 0)) + len(data).to_bytes(2, "little")
    head += pid.to_bytes(2, "little") + bytes((pt,))
    head += bytes((crc8_reference(head),))
    return head + data + crc16_reference(data).to_bytes(2, "little") if data else head


def confirm(rn: int, crn: int, service: int) -> bytes:
    # RL 6, RN, RFL (RSOD), SST, RST, SRT 0, SRL 3, CRN, RST 0 (OK)
    return (b"\x06\x00" + rn.to_bytes(2, "little") + b"\x40" + bytes((service, service))
            + b"\x00\x03\x00" + crn.to_bytes(2, "little") + b"\x00")  # fmt: skip


def test_reference_crcs_and_the_captured_checksums() -> None:
    assert crc8_reference(b"123456789") == 0xF7
    assert crc16_reference(b"123456789") == 0x29B1
    for frame in v.VALID:
        assert crc8_reference(frame[:10]) == frame[10]
        if len(frame) > 11:
            assert crc16_reference(frame[11:-2]) == int.from_bytes(frame[-2:], "little")


def test_authorisation_gets_confirmation_and_result_code() -> None:
    session = Session()
    up = PROTOCOL.inspect(v.TERM_IDENTITY, session)
    # the record's RN is 3 and the packet's PID 0xd6a0; then RESULT_CODE 0 in record 1
    reply = packet(0, 0, b"\xa0\xd6\x00" + confirm(0, 3, 1))
    result = b"\x04\x00\x01\x00\x40\x01\x01" + b"\x09\x01\x00\x00"
    reply += packet(1, 1, result)
    assert up == Uplink(FrameKind.LOGIN, unique_id="864495034643376", ack=reply,
                        context=(3).to_bytes(4, "little"))  # fmt: skip
    assert reply.hex() == (
        "0100000b00100000000068a0d60006000000400101000300030000175a"
        "0100000b000b000100011904000100400101090100003198"
    )
    # the next packet is numbered on: PID 2, records 2 and 3
    up = PROTOCOL.inspect(v.FULL_RECORDS, session)
    body = b"\x89\x24\x00" + confirm(2, 21485, 2) + confirm(3, 21486, 2)
    assert up == Uplink(FrameKind.DATA, unique_id=None, ack=packet(2, 0, body), records=2,
                        context=(3).to_bytes(4, "little"))  # fmt: skip


def test_a_short_imei_is_kept_and_an_absent_one_gives_the_tid() -> None:
    up = PROTOCOL.inspect(v.TERM_IDENTITY_SHORT_IMEI, Session())
    assert (up.kind, up.unique_id) == (FrameKind.LOGIN, "865905")
    body = bytearray(v.TERM_IDENTITY[11:-2])
    assert body[19:34] == b"864495034643376"
    body[19:34] = b"0" * 15  # an IMEI of zeros is no IMEI
    frame = build_packet(0xD6A0, 1, bytes(body))
    assert PROTOCOL.inspect(frame, Session()).unique_id == "3"


def test_without_authorisation_the_first_object_id_identifies() -> None:
    up = PROTOCOL.inspect(v.RETRANSLATED, Session())
    assert (up.kind, up.unique_id, up.records, up.context) == (
        FrameKind.DATA, "2586625890", 10, b"")  # fmt: skip
    # packet by packet: the next one names its own first object
    known = Session(unique_id="2586625890")
    assert PROTOCOL.inspect(v.OBJECT_HISTORY, known).unique_id == "45177"


def test_records_without_identity() -> None:
    up = PROTOCOL.inspect(v.DISPATCHER_IDENTITY, Session())
    assert (up.kind, up.unique_id) == (FrameKind.OTHER, None)
    assert up.ack == packet(0, 0, b"\x02\x00\x00" + confirm(0, 2, 1))


def test_the_terminals_responses_get_no_reply() -> None:
    for frame in (v.RESPONSE, v.RESPONSE_WITH_CONFIRMATION):
        assert PROTOCOL.inspect(frame, Session()) == Uplink(FrameKind.OTHER)


@pytest.mark.parametrize("frame", v.VALID, ids=lambda f: f[:12].hex())
def test_flipped_data_crc_is_a_checksum_error_with_the_gost_refusal(frame: bytes) -> None:
    if len(frame) == 11:
        return
    bad = bytearray(frame)
    bad[-1] ^= 0x01
    with pytest.raises(ChecksumError) as e:
        PROTOCOL.inspect(bytes(bad), Session())
    pid = frame[7:9]
    assert e.value.reply == packet(0, 0, pid + bytes((138,)))  # EGTS_PC_DATACRC_ERROR


def test_encrypted_and_compressed_packets_are_refused() -> None:
    for flags, code in ((0x08, 129), (0x04, 128)):
        head = bytearray(v.ORENBURG[:10])
        head[2] = flags
        frame = bytes(head) + bytes((crc8_reference(bytes(head)),)) + v.ORENBURG[11:]
        with pytest.raises(InvalidField) as e:
            PROTOCOL.inspect(frame, Session())
        assert e.value.reply == packet(0, 0, v.ORENBURG[7:9] + bytes((code,)))


def test_broken_packets() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.ORENBURG[:-1], Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.ORENBURG + b"\x00", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"\x02" + v.ORENBURG[1:], Session())
    # a record longer than the frame data, behind valid CRCs
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build_packet(1, 1, b"\xff\x00\x01\x00\x00\x02\x02"), Session())
    # a subrecord running past its record
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(build_packet(1, 1, b"\x03\x00\x01\x00\x00\x02\x02\x10\x15\x00"),
                         Session())  # fmt: skip


def test_detect() -> None:
    assert PROTOCOL.detect(v.TERM_IDENTITY) is Detection.YES
    assert PROTOCOL.detect(v.TWO_POSITIONS) is Detection.YES
    assert PROTOCOL.detect(v.TERM_IDENTITY[:20]) is Detection.MORE
    assert PROTOCOL.detect(v.RESPONSE) is Detection.NO  # no identity in it
    assert PROTOCOL.detect(Gt06Device("123456789012345").login()[0]) is Detection.NO
