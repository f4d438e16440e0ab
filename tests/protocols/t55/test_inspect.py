"""T55 inspect: identification lines name the device, ids before or after a sentence too,
nothing is answered; detect() claims the family's identification lines only."""

from __future__ import annotations

import pytest

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import Detection, FrameKind, Session
from fleetwire.protocols.t55 import PROTOCOL

from . import vectors as v


@pytest.mark.parametrize(
    ("line", "uid"),
    [
        (v.PGID, "359853000144328"),
        (b"$IMEI=355797031609284\r\n", "355797031609284"),
        (b"IMEI 351467108700000\r\n", "351467108700000"),
        (b"$DEVID,0x0103846677F21422*41\r\n", "0103846677F21422"),
        (b"$GPFID,ID123456ABC\r\n", "ID123456ABC"),
        (b"$PCPTI,CradlePoint Test,184453,184453.0,6F*57\r\n", "CradlePoint Test"),
        (b"086415031C20\r\n", "086415031C20"),
    ],
)
def test_identification_lines(line: bytes, uid: str) -> None:
    up = PROTOCOL.inspect(line, Session())
    assert (up.kind, up.unique_id, up.ack) == (FrameKind.LOGIN, uid, b"")


@pytest.mark.parametrize(
    ("line", "uid"),
    [(v.RMC, None), (v.PREFIXED, "022789000688081"), (v.TRAILER, "865733027593268"),
     (v.IOP, None)],
)  # fmt: skip
def test_data_lines(line: bytes, uid: str | None) -> None:
    up = PROTOCOL.inspect(line, Session())
    assert (up.kind, up.unique_id, up.records, up.ack) == (FrameKind.DATA, uid, 1, b"")


def test_other_sentences_are_kept() -> None:
    up = PROTOCOL.inspect(b"$GPGSV,3,1,11,03,03,111,00*74\r\n", Session())
    assert (up.kind, up.records) == (FrameKind.OTHER, 0)


@pytest.mark.parametrize("line", [b"\r\n", "$GPRMC,é\r\n".encode(), b"$PGID,1\r\n$PGID,2\r\n"])
def test_not_a_line_is_refused(line: bytes) -> None:
    with pytest.raises(DeviceError):
        PROTOCOL.inspect(line, Session())


def test_detect() -> None:
    assert PROTOCOL.detect(v.PGID) == Detection.YES
    assert PROTOCOL.detect(v.PGID[:10]) == Detection.MORE
    assert PROTOCOL.detect(v.RMC) == Detection.NO
    assert PROTOCOL.detect(b"358244017671308\r\n") == Detection.NO


def test_a_sentence_before_the_identification_travels_with_it() -> None:
    """Maxon (traccar T55ProtocolDecoderTest, testMaxonDecode): the RMC before `$GPFID` is held
    in the session and handed on as the identification frame's context."""
    session = Session()
    first = PROTOCOL.inspect(v.RMC, session)
    assert first.unique_id is None  # the gateway refuses it: no device yet
    up = PROTOCOL.inspect(b"$GPFID,ID123456ABC\r\n", session)
    assert (up.kind, up.unique_id, up.context, up.records) == (
        FrameKind.LOGIN, "ID123456ABC", v.RMC, 1,
    )  # fmt: skip
    session.unique_id = up.unique_id
    assert PROTOCOL.inspect(v.PGID, session).context == b""  # held once only
