"""JT/T 808 inspect: identity from every header, the exact 0x8001 / 0x8100 replies (byte for
byte against go-jt808 and the Huabao examples), reject bytes, kinds and counts, the platform
serial counter, detection, and the device's error for every broken envelope."""

from __future__ import annotations

import pytest

from fleetwire.errors import ChecksumError, FramingError, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols._binary import xor8
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.jt808 import PROTOCOL
from fleetwire.protocols.jt808.framing import build_frame
from fleetwire.protocols.jt808.replies import SERIAL_KEY, general_response

from . import vectors as v


def inspect(frame: bytes, session: Session | None = None) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, session or Session())
    return u.kind, u.unique_id, u.ack


@pytest.mark.parametrize(
    ("frame", "kind", "uid", "reply"),
    [
        (v.GOJT808_HEARTBEAT, FrameKind.HEARTBEAT, "12345678901", v.GOJT808_HEARTBEAT_ACK),
        (
            v.GOJT808_HEARTBEAT_2019,
            FrameKind.HEARTBEAT,
            "17299841738",
            v.GOJT808_HEARTBEAT_2019_ACK,
        ),
        (v.GOJT808_AUTH_2019, FrameKind.LOGIN, "17299841738", v.GOJT808_AUTH_2019_ACK),
        (v.GOJT808_REGISTER_2011, FrameKind.LOGIN, "12345678901", v.GOJT808_REGISTER_ACK),
        (v.GOJT808_REGISTER_2013, FrameKind.LOGIN, "12345678901", v.GOJT808_REGISTER_ACK),
        (v.GOJT808_REGISTER_2019, FrameKind.LOGIN, "17299841738", v.GOJT808_REGISTER_2019_ACK),
        (v.GOJT808_LOCATION, FrameKind.DATA, "12345678901", v.GOJT808_LOCATION_ACK),
        (v.GOJT808_BATCH_2019, FrameKind.DATA, "17299841738", v.GOJT808_BATCH_2019_ACK),
    ],
)
def test_go_jt808_replies_byte_for_byte(
    frame: bytes, kind: FrameKind, uid: str, reply: bytes
) -> None:
    # go-jt808 numbers its replies from 0, as a fresh session here does; its auth code for a
    # registration is the phone number without leading zeros, as ours is
    assert inspect(frame) == (kind, uid, reply)


def test_any_auth_code_is_accepted() -> None:
    # go-jt808 checks the code against the phone number and answers this one (code
    # "17299841738" from terminal 012345678901) with result 1; we accept any code, as Traccar
    # does: a terminal moved from another platform still holds that platform's code, and the
    # gateway refuses unknown devices with ``reject`` anyway.
    failure = v.GOJT808_AUTH_ACK
    assert failure[-3] == 1
    expected = failure[:-3] + b"\x00" + bytes((failure[-2] ^ 1,)) + b"\x7e"
    assert inspect(v.GOJT808_AUTH) == (FrameKind.LOGIN, "12345678901", expected)


def test_huabao_examples() -> None:
    s = Session(state={SERIAL_KEY: 0})  # one reply already sent: this one carries serial 1
    assert inspect(v.HUABAO_LOCATION, s) == (FrameKind.DATA, "2002604323", v.DIGEST_ACK)
    phone = bytes.fromhex("002002604323")
    assert general_response(phone, None, 9, 0x00EE, 0x0200) == v.HUABAO_ACK
    kind, uid, ack = inspect(v.HUABAO_AUTH)
    assert (kind, uid) == (FrameKind.LOGIN, "2002604325")
    assert ack == v.frame_reference(0x8001, "002002604325", 0, bytes.fromhex("0001010200"))


def test_reject_bytes() -> None:
    up = PROTOCOL.inspect(v.GOJT808_AUTH, Session())
    assert up.reject == v.frame_reference(0x8001, "012345678901", 0, bytes.fromhex("0000010201"))
    # registration refused: result 4 "terminal not in the database", no auth code
    up = PROTOCOL.inspect(v.GOJT808_REGISTER_2013, Session())
    assert up.reject == v.frame_reference(0x8100, "012345678901", 0, bytes.fromhex("000004"))


def test_serial_counts_per_session_and_wraps() -> None:
    s = Session()
    serials = []
    for _ in range(3):
        ack = PROTOCOL.inspect(v.TRACCAR_HEARTBEAT, s).ack
        serials.append(int.from_bytes(ack[11:13], "big"))
    assert serials == [0, 1, 2]
    s = Session(state={SERIAL_KEY: 0xFFFF})
    assert PROTOCOL.inspect(v.TRACCAR_HEARTBEAT, s).ack[11:13] == b"\x00\x00"
    # frames without a reply take no serial
    s = Session()
    PROTOCOL.inspect(v.GOJT808_TERMINAL_RESPONSE, s)
    assert SERIAL_KEY not in s.state


def test_records_counts() -> None:
    def count(frame: bytes) -> int:
        return PROTOCOL.inspect(frame, Session()).records

    assert count(v.TRACCAR_BATCH) == 8
    assert count(v.TRACCAR_BATCH_NO_FIX) == 6
    assert count(v.HUABAO_LOCATION) == 1
    assert count(v.TRACCAR_HEARTBEAT) == 0
    assert (count(v.GOJT808_AUTH), count(v.GOJT808_AUTH_2019)) == (0, 1)


def test_replies_to_our_commands_are_not_answered() -> None:
    assert inspect(v.GOJT808_TERMINAL_RESPONSE) == (FrameKind.REPLY, "12345678901", b"")
    answer = build_frame(0x0201, b"\x00\x05" + bytes(28), bytes.fromhex("013912345678"), 4)
    assert inspect(answer) == (FrameKind.REPLY, "13912345678", b"")


def test_other_messages() -> None:
    # transparent data is answered; the hex "phone" of this firmware is kept as its id
    kind, uid, ack = inspect(v.TRACCAR_TRANSPARENT)
    assert (kind, uid) == (FrameKind.DATA, "4e5de66fba22")
    assert ack == general_response(bytes.fromhex("4E5DE66FBA22"), None, 0, 0x00C4, 0x0900)
    # a vendor id no decoder reads yet is answered too (JT/T 808-2013 8.2: 0x8001 answers
    # every terminal message without an answer of its own), and kept for a later decoder
    phone = bytes.fromhex("013912345678")
    unknown = build_frame(0x0F01, b"\x01", phone, 4)
    assert inspect(unknown) == (
        FrameKind.OTHER, "13912345678", general_response(phone, None, 0, 4, 0x0F01),
    )  # fmt: skip
    # answers to our queries get none
    for answer_id in (0x0001, 0x0104, 0x0107, 0x0201, 0x0302, 0x0500, 0x0700, 0x0802, 0x0805):
        assert inspect(build_frame(answer_id, bytes(5), phone, 4))[2] == b""


def test_session_remembers_phone_and_version() -> None:
    s = Session()
    PROTOCOL.inspect(v.GOJT808_AUTH_2019, s)
    assert s.state["jt808.phone"] == bytes.fromhex("00000000017299841738")
    assert s.state["jt808.version"] == 1


def test_length_field_off_by_one_is_still_answered() -> None:
    kind, uid, ack = inspect(v.TRACCAR_LENGTH_OFF_BY_ONE)
    assert (kind, uid) == (FrameKind.DATA, "200002604323")
    assert ack == general_response(bytes.fromhex("200002604323"), None, 0, 0x48, 0x0200)


def test_bad_check_codes() -> None:
    with pytest.raises(ChecksumError):
        PROTOCOL.inspect(v.TRACCAR_BAD_CHECKSUM, Session())
    for frame in v.FRAMES:
        bad = bytearray(frame)
        bad[-2] ^= 0x01 if bad[-2] not in (0x7C, 0x7F) else 0x10  # keep it unescaped
        with pytest.raises(ChecksumError):
            PROTOCOL.inspect(bytes(bad), Session())


def test_broken_envelopes() -> None:
    f = v.TRACCAR_HEARTBEAT
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"\x00" + f[1:], Session())
    with pytest.raises(ChecksumError):  # two frames glued: read as one with a bare 7E
        PROTOCOL.inspect(f[:-1] + f, Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(f[:-1], Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.TRACCAR_ESCAPED, Session())  # too short for a header
    # a 2019 flag on a 2013-sized frame: its header does not fit
    short = bytearray(v.frame_reference(0x0002, "013912345678", 1, b""))
    short[3] |= 0x40
    short[-2] ^= 0x40
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(bytes(short), Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.GOJT808_AUTH) == Detection.YES
    assert PROTOCOL.detect(v.TRACCAR_REGISTER_2011 + v.TRACCAR_AUTH) == Detection.YES
    assert PROTOCOL.detect(v.GOJT808_AUTH[:9]) == Detection.MORE
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO


def test_lock_report_answered_with_the_short_response() -> None:
    """A Jointech lock report with attribute bit 15 set (traccar HuabaoProtocolDecoderTest,
    used as data only) gets 0x4401: the lock's short header (serial 1 byte), the report's id and
    result 0; without the bit, nothing."""
    frame = bytes.fromhex(
        "7e55018c418560090010174701022106242122348476113550490700001c06000000074e00000000000003"
        "08100000100102020200000a030000000b0803363839363037650c0600000001000afa7e"
    )
    up = PROTOCOL.inspect(frame, Session())
    data = bytes.fromhex("44010003856009001017" + "00" + "550100")
    assert up.ack == b"\x7e" + data + bytes((xor8(data),)) + b"\x7e"
    assert (up.unique_id, up.records) == ("856009001017", 1)
    quiet = frame[:3] + bytes((frame[3] & 0x7F,)) + frame[4:-2]
    quiet += bytes((xor8(quiet[1:]),)) + b"\x7e"
    assert PROTOCOL.inspect(quiet, Session()).ack == b""
