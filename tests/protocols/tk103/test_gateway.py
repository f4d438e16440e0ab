"""TK103 through a real gateway on a real socket: the clones' frames (comma layout, commands no
decoder knows yet) are appended to the raw log, never refused; the login and the alarm get their
exact replies only after that append."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.gateway.test_gateway import (
    connect,
    gateway,
    nothing_within,
    raw_frames,
    read_exactly,
    rejected,
)

from . import vectors as v

ID = b"013612345678"  # the login's id: one device per connection
ZC17 = b"(864768011069660,ZC17,250517,A,3211.7118N,03452.8086E,0.68,115525,208.19,64.50,9)"


def _as_login_id(frame: bytes, old: bytes) -> bytes:
    return frame.replace(old, ID, 1)


UNKNOWN = _as_login_id(v.UNKNOWN, b"027028258309")
POSITION_G = _as_login_id(v.POSITION_G, b"357593060760397")
ALARM = _as_login_id(v.ALARM, b"013666666666")


def test_login_clone_frames_and_alarm_are_kept_and_answered(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            r, w = await connect(gw, "tk103")
            w.write(v.DOC_LOGIN)
            assert await read_exactly(r, len(v.DOC_LOGIN_REPLY)) == v.DOC_LOGIN_REPLY
            w.write(UNKNOWN + POSITION_G)  # no reply for either
            assert await nothing_within(r, 0.3)
            w.write(ALARM)
            reply = b"(013612345678AS012)"
            assert await read_exactly(r, len(reply)) == reply
            w.close()
            await asyncio.sleep(0.2)
        async with gateway(data_dir) as gw:  # the comma layout on a connection of its own
            r, w = await connect(gw, "tk103")
            w.write(ZC17 + v.ANSWER)
            assert await nothing_within(r, 0.3)
            w.close()
            await asyncio.sleep(0.2)

    asyncio.run(scenario())
    frames = raw_frames(data_dir)
    assert frames == [v.DOC_LOGIN, UNKNOWN, POSITION_G, ALARM, ZC17, v.ANSWER]
    assert rejected(data_dir) == []
