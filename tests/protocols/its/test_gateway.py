"""AIS-140 through a real gateway on a real socket: the vendor framings in the field (a login
with no end that the next packet closes, a checksum byte before `*`, a hex checksum and CR LF
after it, a text trailer) are appended to the raw log whole, each under its IMEI, and nothing
is answered."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.gateway.test_gateway import connect, gateway, nothing_within, raw_frames, rejected

from . import vectors as v

CTPL = (
    b"$,C,CTPL,4.0.0,NR,01,L,868728037717441,NA00000000,1,12032020,144453,30.452524,N,"
    b"077.610351,E,1.4,34.8,14,384.19,1.8,0.8,IDEA P,1,1,14.2,4.17,0,C,22,404,82,0FB1,3B26,"
    b"0000,00,8083,194.9,0B,*,IP=106.67.5.173\r\n"
)  # traccar ItsProtocolDecoderTest's CTPL packet, sent here under the ATL unit's IMEI


def test_the_field_framings_are_kept_whole(data_dir: Path) -> None:
    atl = v.ATL_STREAM[len(v.LOGIN_NO_END) :]
    checked = b"$Header,iTriangle1,KA01G1234,868728037717441,X,AIS140,0.0,N,0.0,E*5E\r\n"

    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            r, w = await connect(gw, "its")
            for chunk in (v.ATL_STREAM[:50], v.ATL_STREAM[50:], checked, CTPL):
                w.write(chunk)
                await asyncio.sleep(0.05)
            assert await nothing_within(r, 0.3)
            w.close()
            await asyncio.sleep(0.2)

    asyncio.run(scenario())
    assert raw_frames(data_dir) == [v.LOGIN_NO_END, atl, checked, CTPL]
    assert rejected(data_dir) == []
