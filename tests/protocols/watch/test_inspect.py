"""Watch inspect: the id of every frame, the exact answers (LK, AL, TKQ/TKQ2) echoing maker,
id and ZJ index, kinds, and the device's error for broken envelopes."""

from __future__ import annotations

import pytest

from fleetwire.errors import FramingError, TruncatedFrame
from fleetwire.protocols.base import FrameKind, Session
from fleetwire.protocols.watch import PROTOCOL
from fleetwire.protocols.watch.framing import build

from . import vectors as v


def inspect(frame: bytes, session: Session | None = None) -> tuple[FrameKind, str | None, bytes]:
    u = PROTOCOL.inspect(frame, session or Session())
    return u.kind, u.unique_id, u.ack


def test_link_is_answered_with_link_echoing_maker_and_id() -> None:
    assert inspect(v.LK_BARE) == (FrameKind.HEARTBEAT, "8800000015", v.LK_ANSWER)
    assert inspect(v.LK_STEPS) == (
        FrameKind.HEARTBEAT, "8800000015", b"[3G*8800000015*0002*LK]",
    )  # fmt: skip
    assert inspect(v.LK_IMEI_ID)[2] == b"[3G*352661090143150*0002*LK]"
    assert inspect(v.ZJ_LK)[2] == b"[ZJ*014111001350304*0034*0002*LK]"


def test_alarms_are_answered_with_al() -> None:
    assert inspect(v.AL_SOS_SEVEN_CELLS) == (
        FrameKind.DATA, "8809008845", b"[3G*8809008845*0002*AL]",
    )  # fmt: skip
    assert inspect(v.ZJ_AL)[2] == b"[ZJ*014111001332708*0075*0002*AL]"
    assert inspect(v.AL_CUSTOMER_LONG_LENGTH)[:2] == (FrameKind.DATA, "358839237678820")


def test_voice_queries_are_echoed() -> None:
    for word in ("TKQ", "TKQ2"):
        frame = build("3G", "1234567890", word)
        assert inspect(frame) == (FrameKind.OTHER, "1234567890", frame)


@pytest.mark.parametrize("frame", [v.UD2, v.UD_LTE, v.WT, v.UD2_SHORT_LENGTH, v.BPHRT, v.BTEMP])
def test_reports_get_no_answer(frame: bytes) -> None:
    up = PROTOCOL.inspect(frame, Session())
    assert (up.kind, up.ack, up.records) == (FrameKind.DATA, b"", 1)


def test_voice_photo_and_echoes() -> None:
    assert inspect(v.VOICE_ESCAPED) == (FrameKind.OTHER, "1234567890", b"")
    assert inspect(v.RCAPTURE) == (FrameKind.OTHER, "8308406279", b"")
    assert inspect(build("SG", "8800000015", "UPLOAD"))[0] == FrameKind.REPLY


def test_session_remembers_maker_and_id() -> None:
    s = Session()
    PROTOCOL.inspect(v.LK_3G, s)
    assert (s.state["watch.maker"], s.state["watch.id"]) == ("3G", "9705141740")


def test_broken_envelopes() -> None:
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(v.LK_3G[:-1], Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"hello world!", Session())
    with pytest.raises(FramingError):
        PROTOCOL.inspect(b"[SG*88*0002*LK]]", Session())  # ends past its length and bracket
    with pytest.raises(TruncatedFrame):
        PROTOCOL.inspect(b"[SG*88*0009*LK,[1]", Session())  # the ']' closes a '['
