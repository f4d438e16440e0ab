"""The simulator's connections from a chosen source address (bench/connections.py spreads
100,000 devices over several 127.0.0.x, each with its own ports): the server must see that
address, and many connections from one address must all get through. Real sockets on loopback."""

from __future__ import annotations

import asyncio

from fleetwire.simulate.client import _connect


def test_connections_come_from_the_source_address_asked_for() -> None:
    async def scenario() -> None:
        peers: list[str] = []

        writers: list[asyncio.StreamWriter] = []

        def accepted(_r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            peers.append(w.get_extra_info("peername")[0])
            writers.append(w)

        server = await asyncio.start_server(accepted, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        loop = asyncio.get_running_loop()
        made = [await _connect(loop, "127.0.0.1", port, ip) for ip in ["127.0.0.2"] * 500
                + ["127.0.0.3"] * 500 + [None]]  # fmt: skip
        for _ in range(200):
            if len(peers) == len(made):
                break
            await asyncio.sleep(0.01)
        assert sorted(set(peers)) == ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
        assert peers.count("127.0.0.2") == 500 and peers.count("127.0.0.3") == 500
        # distinct source ports per address: each one is a connection of its own
        ports = {t.get_extra_info("sockname") for t, _ in made}
        assert len(ports) == len(made)
        for t, _ in made:
            t.close()
        for w in writers:
            w.close()
        server.close()
        await server.wait_closed()

    asyncio.run(scenario())
