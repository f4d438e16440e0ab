"""A full disk under the embedded raw log, for real: the gateway's data directory is a small tmpfs
that the test fills to the last byte. While it is full nothing is ACKed, the gateway stays up and
says so once in its log and in its metrics; once space returns it recovers by itself and the
frame the device resends is stored (once) and ACKed."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from fleetwire.protocols import teltonika
from fleetwire.testing import free_port
from tests.gateway.test_gateway import (
    IMEI,
    _record,
    connect,
    gateway,
    nothing_within,
    raw_frames,
    read_exactly,
)

ERRORS = "fleetwire_rawlog_write_errors_total"
WRITABLE = "fleetwire_rawlog_writable"


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of its own (we are root in CI and on the development machine)."""
    mnt = tmp_path / "fs"
    mnt.mkdir()
    out = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mnt)],
        capture_output=True, check=False, timeout=30,
    )  # fmt: skip
    if out.returncode != 0:
        why = f"cannot mount a tmpfs to fill: {out.stderr.decode().strip()}"
        if os.environ.get("CI"):
            pytest.fail(why + " (CI must run this test as root)")
        pytest.skip(why)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False, timeout=30)


def fill(fs: Path) -> Path:
    """Write until the file system says ENOSPC; the filler's removal gives the space back."""
    filler = fs / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            while (error := _write(f.fileno(), chunk[:size])) is None:
                pass
            assert error == errno.ENOSPC, os.strerror(error)
    os.sync()
    return filler


def _write(fd: int, data: bytes) -> int | None:
    try:
        os.write(fd, data)
    except OSError as e:
        return e.errno
    return None


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_full_disk_acks_nothing_and_recovers_by_itself(
    small_fs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = small_fs / "data"
    errors_before = sample(ERRORS, reason="disk_full")

    async def scenario() -> None:
        async with gateway(data_dir) as gw:
            dev = teltonika.Device(IMEI)
            r, w = await connect(gw, "teltonika")
            w.write(dev.login()[0])
            assert await read_exactly(r, 1) == b"\x01"
            first, first_ack = dev.report([_record(1)])
            w.write(first)
            assert await read_exactly(r, 4) == first_ack
            assert sample(WRITABLE) == 1.0

            filler = fill(small_fs)
            frame, ack = dev.report([_record(2), _record(3)])
            for _ in range(3):  # the device resends what it gets no ACK for
                w.write(frame)
                assert await nothing_within(r, 1.2), "ACK for a frame the full disk refused"
            assert sample(WRITABLE) == 0.0
            assert sample(ERRORS, reason="disk_full") - errors_before >= 2
            # the gateway is up: it accepts connections and keeps this one open
            _r2, w2 = await connect(gw, "teltonika")
            w2.close()
            assert not r.at_eof()

            filler.unlink()  # space comes back; nobody tells the gateway
            w.write(frame)  # the device's next resend
            assert await read_exactly(r, 4, timeout=5) == ack
            assert sample(WRITABLE) == 1.0
            w.close()

    asyncio.run(scenario())
    # sent four times, stored once: the refused appends left nothing behind
    login = teltonika.Device(IMEI).login()[0]
    frames = raw_frames(data_dir)
    assert frames[0] == login and len(frames) == 3 and frames[1] != frames[2]
    failed = [m for m in caplog.messages if m.startswith("rawlog_append_failed")]
    assert len(failed) == 1 and "reason=disk_full" in failed[0], failed
    assert len([m for m in caplog.messages if m.startswith("rawlog_recovered")]) == 1


def test_reason_labels() -> None:
    """The labels the metric can take stay a short, fixed set, whatever the error says."""
    import sqlite3

    from fleetwire.gateway.rawlog_health import reason_of

    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    ioerr = sqlite3.OperationalError("disk I/O error")
    ioerr.sqlite_errorcode = 778  # SQLITE_IOERR_WRITE: extended codes keep the primary byte
    assert [reason_of(e) for e in (full, ioerr)] == ["disk_full", "io_error"]
    assert reason_of(OSError(errno.ENOSPC, "No space left on device")) == "disk_full"
    assert reason_of(TimeoutError()) == "timeout"
    with contextlib.suppress(ImportError):
        from nats.js.errors import APIError

        refusal = APIError(code=503, err_code=10023, description="insufficient resources")
        assert reason_of(refusal) == "disk_full"


@pytest.mark.slow
def test_gateway_process_survives_a_full_disk(small_fs: Path) -> None:
    """The `fleetwire gateway` program, whose metrics files live on the same full disk: it stays
    up, ACKs nothing, logs the failure once and recovers when space returns."""
    import socket
    import time

    from fleetwire.protocols import NAMES
    from tests.e2e.harness import Cluster

    # the data directory (raw log, registry, metrics files) is the full disk; the log is not
    cluster = Cluster(small_fs, {"api": free_port(), **{n: free_port() for n in NAMES}})
    gw = cluster.start("gateway")
    try:
        dev = teltonika.Device(IMEI)
        with socket.create_connection(("127.0.0.1", cluster.ports["teltonika"]), 10) as s:
            s.settimeout(10)
            s.sendall(dev.login()[0])
            assert s.recv(1) == b"\x01"
            filler = fill(small_fs)
            frame, ack = dev.report([_record(5)])
            s.settimeout(1.5)
            for _ in range(3):
                s.sendall(frame)
                with pytest.raises(TimeoutError):  # no ACK, and no close either
                    s.recv(4)
            assert gw.poll() is None, "the gateway died on a full disk"
            filler.unlink()
            s.settimeout(10)
            s.sendall(frame)
            assert s.recv(4) == ack
        time.sleep(0.2)
        assert gw.poll() is None
    finally:
        cluster.stop_all()
    text = cluster.logs["gateway"].read_text()
    assert text.count("rawlog_append_failed") == 1 and "reason=disk_full" in text, text
    assert text.count("rawlog_recovered") == 1, text
    # one line per event, not one per frame or per poll, from every part of the gateway
    events = Counter(m.group(1) for m in re.finditer(r" role=\S+ (\S+)", text))
    flooding = {event for event, n in events.items() if n > 3}
    assert not flooding, events
