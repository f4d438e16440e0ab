"""A `fleetwire outbox` process SIGKILLed mid-delivery: after a restart every message arrives,
and a message delivered twice is delivered under the same id (the receiver that dedupes by
X-Fleetwire-Id sees each exactly once), in order per device."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from fleetwire.testing import free_port, role_env, start_role, stop
from fleetwire.worker.outbox.enqueue import Outbox
from tests.worker.outbox.helpers import run, sink_settings
from tests.worker.outbox.services import Receiver
from tests.worker.outbox.test_forwarding import DEVICES, write_batches

TOTAL = 600


def _depth(path: Path) -> int:
    c = sqlite3.connect(path)
    try:
        cur = c.execute("SELECT coalesce(max(seq), 0) FROM outbox_cursors").fetchone()[0]
        return int(c.execute("SELECT count(*) FROM outbox WHERE seq > ?", (cur,)).fetchone()[0])
    finally:
        c.close()


@pytest.mark.slow
@run
async def test_a_dispatcher_killed_mid_delivery_redelivers_only_under_the_same_id(
    data_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    settings = sink_settings(f"http://127.0.0.1:{port}/")
    await asyncio.to_thread(write_batches, data_dir / "telemetry.db", Outbox(settings), 0,
                            TOTAL // len(DEVICES), 100)  # fmt: skip
    config = tmp_path / "outbox.toml"
    config.write_text(
        f"[outbox]\nbatch = 50\nbackoff_initial = 0.05\npoll_interval = 0.05\n"
        f'[outbox.sinks.hook]\ntype = "webhook"\nurl = "http://127.0.0.1:{port}/"\n'
    )
    env = role_env({}, FLEETWIRE_CONFIG=str(config))
    args = ["--data-dir", str(data_dir)]
    receiver = Receiver(port, delay=0.004)  # slow enough to be caught mid-batch
    await receiver.start()
    log = tmp_path / "outbox.log"
    kills = 0
    try:
        proc = start_role("outbox", args, env, log)
        for target in (150, 350):
            while len(receiver.requests) < target and proc.poll() is None:
                await asyncio.sleep(0.01)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            proc = start_role("outbox", args, env, log)
        for _ in range(600):
            if _depth(data_dir / "telemetry.db") == 0:
                break
            await asyncio.sleep(0.05)
        assert stop(proc) == 0, log.read_text()[-2000:]
    finally:
        await receiver.stop()
    ids = [i for i, _ in receiver.requests]
    assert len(set(ids)) == TOTAL, log.read_text()[-2000:]
    # a repeat is at most what one batch had in flight when its process died
    assert len(ids) - TOTAL <= kills * 50
    for d in DEVICES:
        seen: list[str] = []
        fixes = []
        for i, body in receiver.requests:
            if body["device"]["id"] == d and i not in seen:  # type: ignore[index]
                seen.append(i)
                fixes.append(body["position"]["fixTime"])  # type: ignore[index]
        assert fixes == sorted(fixes) and len(fixes) == TOTAL // len(DEVICES)
