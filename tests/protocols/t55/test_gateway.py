"""T55 through a real gateway on a real socket: a Maxon unit's sentence sent before its
identification line is refused on its own (no device yet) but stored as the identification
frame's context, and the stored frame decodes to that sentence's fix."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from fleetwire.protocols.base import DecodeContext
from fleetwire.protocols.t55 import PROTOCOL
from fleetwire.rawlog.base import SESSION
from fleetwire.rawlog.sqlite import SqliteRawLogReader
from tests.gateway.test_gateway import connect, gateway, nothing_within, rejected

from . import vectors as v

GPFID = b"$GPFID,ID123456ABC\r\n"  # traccar T55ProtocolDecoderTest, testMaxonDecode


def test_a_sentence_before_the_identification_is_kept_with_it(data_dir: Path) -> None:
    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            r, w = await connect(gw, "t55")
            w.write(v.RMC)
            await asyncio.sleep(0.1)
            w.write(GPFID + v.PREFIXED)
            assert await nothing_within(r, 0.3)  # T55 answers nothing
            w.close()
            await asyncio.sleep(0.2)

    asyncio.run(scenario())
    reader = SqliteRawLogReader(data_dir / "rawlog.db")
    try:
        stored = [f for f in reader.read(0, 100) if f.transport != SESSION]  # frames only
    finally:
        reader.close()
    assert [f.data for f in stored] == [GPFID, v.PREFIXED]
    assert stored[0].context == v.RMC
    assert len(rejected(data_dir)) == 1  # the sentence alone, before any device
    ctx = DecodeContext("ID123456ABC", datetime(2026, 1, 1, tzinfo=UTC), context=stored[0].context)
    (rec,) = PROTOCOL.decode(stored[0].data, ctx)
    assert rec.fix_time == datetime(2011, 11, 9, 9, 49, 7, tzinfo=UTC) and rec.has_position
