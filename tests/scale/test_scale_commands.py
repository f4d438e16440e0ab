"""Commands on the scale-out tier: queued in PostgreSQL (through the API), delivered by the
gateway holding the device, answered by the device as Teltonika firmware does, the answer
attached by a stream worker; a campaign rolled out by the workers."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import urllib.request
from pathlib import Path

import orjson
import uvicorn

from fleetwire.api.app import create_app
from fleetwire.config import RawLogSettings, Settings
from fleetwire.gateway.server import Gateway
from fleetwire.protocols import teltonika
from fleetwire.store.commands import Commands, State
from fleetwire.store.db import open_registry
from fleetwire.worker.stream import StreamWorker
from tests.e2e.harness import admin_token
from tests.scale.conftest import migrate, scale_settings

IMEI = "356307042441013"


def serve_api(settings: Settings) -> tuple[uvicorn.Server, threading.Thread]:
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=settings.api.port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    return server, thread


def post(settings: Settings, path: str, body: object) -> dict[str, object]:
    token = admin_token(settings)
    req = urllib.request.Request(
        f"http://127.0.0.1:{settings.api.port}{path}", data=orjson.dumps(body), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )  # fmt: skip
    with urllib.request.urlopen(req, timeout=10) as r:
        out: dict[str, object] = orjson.loads(r.read())
        return out


def test_command_through_api_gateway_and_worker_on_postgres(
    tmp_path: Path, pg_url: str, nats_settings: RawLogSettings
) -> None:
    settings = scale_settings(
        tmp_path, pg_url, nats_settings, command_poll=0.05, command_reply_timeout=1.0
    )

    async def go() -> None:
        await migrate(settings)
        gw = Gateway(settings)
        await gw.start()
        worker = StreamWorker(settings)
        wtask = asyncio.create_task(worker.run())
        store = Commands(open_registry(settings))
        server, thread = await asyncio.to_thread(serve_api, settings)
        try:
            dev = teltonika.Device(IMEI)
            r, w = await asyncio.open_connection("127.0.0.1", gw.ports["teltonika", "tcp"])
            w.write(dev.login()[0])
            assert await asyncio.wait_for(r.readexactly(1), 10) == b"\x01"
            cmd = await asyncio.to_thread(
                post, settings, "/api/commands/queue",
                {"device": IMEI, "type": "custom", "attributes": {"data": "getver"}},
            )  # fmt: skip
            data = await asyncio.wait_for(r.read(4096), 10)
            assert b"getver" in data
            w.write(dev.respond(data))
            for _ in range(100):
                got = await store.get(int(str(cmd["id"])))
                if got is not None and got.state is State.ANSWERED:
                    break
                await asyncio.sleep(0.1)
            assert got is not None and got.state is State.ANSWERED
            assert got.result == "OK: getver"
            # a campaign over this device, rolled out by the workers' housekeeping
            camp = await asyncio.to_thread(
                post, settings, "/api/campaigns",
                {"type": "custom", "attributes": {"data": "getgps"}, "devices": [IMEI]},
            )  # fmt: skip
            data = await asyncio.wait_for(r.read(4096), 15)
            assert b"getgps" in data
            w.write(dev.respond(data))
            for _ in range(100):
                c = await store.campaign(int(str(camp["id"])))
                if c is not None and c.state == "completed":
                    break
                await asyncio.sleep(0.1)
            assert c is not None and c.state == "completed"
            w.close()
        finally:
            server.should_exit = True
            await asyncio.to_thread(thread.join, 10)
            worker.stopping = True
            with contextlib.suppress(asyncio.CancelledError):
                await wtask
            await store.engine.dispose()
            await gw.stop()

    asyncio.run(go())
