"""@Track inspect: identity from the IMEI field, the documented server acknowledgements
(+SACK:GTHBD for the heartbeat, +SACK:<count> for the rest), detection, broken frames."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError, FramingError, InvalidField, TruncatedFrame
from fleetwire.protocols import gt06, teltonika
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.gl200 import PROTOCOL
from fleetwire.protocols.gl200.inspect import VERSION_KEY

from . import vectors as v


def inspect(frame: bytes) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, Session())
    return u.kind, u.unique_id, u.ack


def test_heartbeat_sack_exactly_as_the_documents() -> None:
    # GL300 3.4 and GMT100 3.4: +SACK:GTHBD,<protocol version>,<count number>$
    assert inspect(v.DOC_GL300_HBD) == (
        FrameKind.HEARTBEAT,
        "135790246811220",
        b"+SACK:GTHBD,1A0102,11F0$",
    )
    assert inspect(v.DOC_GMT100_HBD)[2] == v.DOC_GMT100_HBD_SACK
    assert PROTOCOL.inspect(v.DOC_GL300_HBD, Session()).records == 0


def test_reports_get_the_count_number_sack() -> None:
    # GL300 3.5: +SACK:<count number>$
    assert inspect(v.DOC_GL300_FRI) == (FrameKind.DATA, "135790246811220", v.DOC_GL300_SACK)
    assert inspect(v.TRACCAR_FRI_10_HEX) == (FrameKind.DATA, "866314060249032", b"+SACK:1549$")
    assert inspect(v.TRACCAR_PNA)[2] == b"+SACK:0BD5$"


def test_command_answers_are_replies() -> None:
    assert inspect(v.DOC_GL300_ACK_RTO) == (FrameKind.REPLY, "135790246811220", b"+SACK:11F0$")
    assert inspect(v.TRACCAR_ACK_RTO)[0] == FrameKind.REPLY


def test_identities() -> None:
    assert inspect(v.TRACCAR_FRI_MEID)[1] == "A10000499AEF9B"  # MEID in the IMEI field
    assert inspect(v.TRACCAR_TRI_OLD)[1] == "862370030005908"  # old layout: IMEI first


def test_protocol_version_is_kept_in_the_session() -> None:
    s = Session()
    PROTOCOL.inspect(v.TRACCAR_FRI_GV, s)
    assert s.state[VERSION_KEY] == "060228"


def test_binary_frames_are_kept_but_not_identified() -> None:
    for frame in v.BINARY:
        u = PROTOCOL.inspect(frame, Session())
        assert (u.kind, u.unique_id, u.ack, u.store) == (FrameKind.OTHER, None, b"", True)


def test_broken_frames() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.DOC_GL300_FRI[:-1], Session())  # no "$"
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.DOC_GL300_FRI + b"x", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"+XYZ:GTFRI,1A0102,135790246811220,,11F0$", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"+RESP:GTFRI,1A0102,13579$", Session())  # no usable identity
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"+RESP:GTfri,1A0102,135790246811220,11F0$", Session())
    with pytest.raises(InvalidField):
        PROTOCOL.inspect(b"+RESP:GTFRI,1A0102,135790246811220,\xff,11F0$", Session())
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.TRACCAR_BIN_RSP[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(v.TRACCAR_BIN_RSP + b"\r\n", Session())


def test_no_count_number_no_sack() -> None:
    frame = b"+RESP:GTFRI,1A0102,135790246811220,,0,0,1,1,,,,,,,,,,,00,,20090214093254,XYZ$"
    assert inspect(frame)[2] == b""


def test_detect_is_strict() -> None:
    assert PROTOCOL.detect(v.DOC_GL300_FRI + v.DOC_GL300_HBD) == Detection.YES
    assert PROTOCOL.detect(v.TRACCAR_HBD) == Detection.YES
    assert PROTOCOL.detect(b"+RES") == Detection.MORE
    assert PROTOCOL.detect(v.DOC_GL300_FRI[:30]) == Detection.MORE
    assert PROTOCOL.detect(teltonika.Device("356307042441013").login()[0]) == Detection.NO
    assert PROTOCOL.detect(gt06.Device("123456789012345").login()[0]) == Detection.NO
    assert PROTOCOL.detect(b"+SACK:11F0$") == Detection.NO
    assert PROTOCOL.detect(b"imei:359586015829802,tracker,0809231929,,F;") == Detection.NO
    assert PROTOCOL.detect(b"+RESP:GTFRI,1A0102,x$") == Detection.NO
    assert PROTOCOL.detect(v.TRACCAR_BIN_RSP) == Detection.NO  # not identifiable here


def test_every_vector_inspects_cleanly() -> None:
    for frame in v.VALID:
        try:
            PROTOCOL.inspect(frame, Session())
        except DeviceError as e:  # pragma: no cover - a vector that fails is a bug
            pytest.fail(f"{frame[:20]!r}: {e}")
