"""simulate -> gateway -> raw log -> worker -> API, all real processes and sockets."""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.harness import (
    Cluster,
    api,
    metrics_text,
    new_cluster,
    read_records,
    simulate,
    wait_caught_up,
)

pytestmark = pytest.mark.slow

WIDE = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}


def _key(uid: str, time: str) -> tuple[str, float]:
    return (uid, datetime.fromisoformat(time.replace("Z", "+00:00")).timestamp())


def stored(cluster: Cluster) -> dict[tuple[str, float], list[tuple[float, float]]]:
    out: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for dev in api(cluster, "/api/fleetwire/devices"):
        for p in api(cluster, "/api/fleetwire/positions", device=dev["uniqueId"], **WIDE):
            if p["latitude"] is not None:
                out.setdefault(_key(dev["uniqueId"], p["time"]), []).append(
                    (p["latitude"], p["longitude"])
                )
    return out


def sent(path: Path) -> dict[tuple[str, float], list[tuple[float, float]]]:
    out: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for r in read_records(path):
        out.setdefault(_key(r["device"], r["time"]), []).append((r["latitude"], r["longitude"]))
    return out


def assert_same(
    got: dict[tuple[str, float], list[tuple[float, float]]],
    want: dict[tuple[str, float], list[tuple[float, float]]],
    tolerance: float,
) -> None:
    """Exactly the records sent, once each, at the protocol's coordinate resolution."""
    assert got.keys() == want.keys()
    for key, fixes in want.items():
        assert len(got[key]) == len(fixes) == 1, key
        (lat, lon), (lat2, lon2) = fixes[0], got[key][0]
        assert abs(lat - lat2) <= tolerance and abs(lon - lon2) <= tolerance, key


@pytest.mark.parametrize(
    ("protocol", "records", "tolerance", "opening"),
    [
        ("teltonika", "10", 1e-7, 1),  # 1e-7 degree on the wire
        ("gt06", "1", 1e-6, 1),  # 1/1,800,000 degree
        ("jt808", "1", 1e-6, 1),  # 1e-6 degree
        ("h02", "1", 2e-6, 1),  # DDMM.MMMM text: 1e-4 minute
        ("wialon", "1", 2e-6, 1),  # DDMM.MMMM text
        ("gl200", "1", 1e-6, 1),  # decimal degrees, 6 places
        # 1e-4 minute; login then *>FLEX, whose record layout every ~A carries into the raw log
        ("navtelecom", "5", 2e-6, 2),
        ("cellocator", "1", 1e-6, 0),  # 1e-8 radian
        ("dmt", "10", 1e-7, 1),  # 1e-7 degree
        ("castel", "10", 1e-6, 1),  # 1/3,600,000 degree
        ("tzone", "1", 2e-6, 1),  # 1/600,000 degree; a heartbeat opens
        ("arnavi", "10", 1e-5, 1),  # float32
        ("fifotrack", "1", 1e-6, 0),  # decimal degrees, 6 places
        ("gosafe", "1", 1e-6, 0),  # decimal degrees, 6 places
        ("totem", "1", 2e-6, 0),  # NMEA DDMM.MMMM
        ("xirgo", "1", 1e-6, 0),  # decimal degrees, 6 places
        ("pt502", "1", 2e-6, 0),  # NMEA DDMM.MMMM
        ("minifinder2", "1", 1e-7, 1),  # 1e-7 degree
        ("minifinder", "1", 1e-6, 1),  # decimal degrees, 6 places
        ("ulbotech", "1", 1e-6, 1),  # 1e-6 degree; a heartbeat opens
    ],
)
def test_api_returns_exactly_the_positions_sent(
    tmp_path: Path, protocol: str, records: str, tolerance: float, opening: int
) -> None:
    cluster = new_cluster(tmp_path)
    run = cluster.start("run")
    try:
        rec = tmp_path / "sent.jsonl"
        summary = simulate(
            cluster, "-p", protocol, "--port", str(cluster.ports[protocol]), "-n", "25",
            "-r", records, "-f", "20", "-d", "60", "--record-file", str(rec),
        )  # fmt: skip
        assert summary["acked"] == 25 * 20 and summary["failed"] == 0
        wait_caught_up(cluster)
        expected = sent(rec)
        assert len(expected) == 25 * 20 * int(records)
        assert_same(stored(cluster), expected, tolerance)
        # only FLEX messages carry their connection's negotiated layout into the raw log
        uid = next(iter(expected))[0]
        raw = api(cluster, "/api/raw", device=uid, **WIDE)
        assert len(raw) == 20 + opening
        flex = [f["hex"].startswith("7e") and protocol == "navtelecom" for f in raw]
        assert [f["context"] is not None for f in raw] == flex
        latest = api(cluster, "/api/fleetwire/positions/latest")
        assert len(latest) == 25
        metrics = metrics_text(cluster)
        stored_frames = 25 * 20 + 25 * opening  # reports and each connection's opening frames
        stored_line = f'fleetwire_frames_stored_total{{protocol="{protocol}"}} {stored_frames}.0'
        assert stored_line in metrics
        assert f'fleetwire_worker_records_total{{protocol="{protocol}"}}' in metrics
        assert "fleetwire_worker_lag_frames 0.0" in metrics
        assert "fleetwire_rawlog_append_seconds_bucket" in metrics
    finally:
        run.send_signal(signal.SIGTERM)
        code = run.wait(60)
    assert code == 0, cluster.log_text()


@pytest.mark.parametrize(
    ("protocol", "records", "tolerance"),
    [("teltonika", "3", 1e-7), ("calamp", "1", 1e-7)],  # both 1e-7 degree on the wire
)
def test_udp_end_to_end(tmp_path: Path, protocol: str, records: str, tolerance: float) -> None:
    cluster = new_cluster(tmp_path)
    run = cluster.start("run")
    try:
        rec = tmp_path / "sent.jsonl"
        summary = simulate(
            cluster, "-p", protocol, "--udp", "--port", str(cluster.ports[protocol]),
            "-n", "5", "-r", records, "-f", "10", "-d", "60", "--record-file", str(rec),
        )  # fmt: skip
        assert summary["acked"] == 50 and summary["failed"] == 0
        wait_caught_up(cluster)
        assert_same(stored(cluster), sent(rec), tolerance)
    finally:
        run.send_signal(signal.SIGTERM)
        code = run.wait(60)
    assert code == 0, cluster.log_text()
    assert "Traceback" not in cluster.log_text(), cluster.log_text()


def test_run_restarts_a_role_that_dies_and_stops_cleanly(tmp_path: Path) -> None:
    import os
    import re
    import time

    cluster = new_cluster(tmp_path)
    run = cluster.start("run")
    log = cluster.logs["run"]
    try:
        deadline = time.monotonic() + 20
        pids: list[str] = []
        while not pids and time.monotonic() < deadline:
            pids = re.findall(r"started role=worker pid=(\d+)", log.read_text())
            time.sleep(0.1)
        os.kill(int(pids[0]), signal.SIGKILL)
        while time.monotonic() < deadline:
            pids = re.findall(r"started role=worker pid=(\d+)", log.read_text())
            if len(pids) == 2:
                break
            time.sleep(0.1)
        assert len(pids) == 2, log.read_text()
        assert "exited role=worker" in log.read_text()
        summary = simulate(
            cluster, "-p", "teltonika", "--port", str(cluster.ports["teltonika"]), "-n", "3",
            "-f", "5", "-d", "30",
        )  # fmt: skip
        assert summary["acked"] == 15
        wait_caught_up(cluster)  # the restarted worker does its job
    finally:
        run.send_signal(signal.SIGTERM)
        code = run.wait(60)
    assert code == 0
    assert "level=info role=run stopped" in log.read_text()


def test_gateway_processes_share_the_ports(tmp_path: Path) -> None:
    """`fleetwire gateway --processes 2`: two processes on SO_REUSEPORT, the kernel spreads the
    devices over them (each process holds some of 40 logged-in devices when told to stop: each
    logs how many), every frame ACKed and stored, SIGTERM stops both cleanly."""
    import re
    import sqlite3
    import subprocess
    import sys
    import time

    def frames() -> int:
        conn = sqlite3.connect(cluster.data_dir / "rawlog.db")
        try:
            sql = "SELECT count(*) FROM frames WHERE transport != 'session'"
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()

    cluster = new_cluster(tmp_path)
    gw = cluster.start("gateway", "--processes", "2")
    idle = None
    try:
        log = cluster.logs["gateway"]
        deadline = time.monotonic() + 20
        while log.read_text().count("gateway_listening") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert log.read_text().count("gateway_listening") == 2
        summary = simulate(
            cluster, "-p", "teltonika", "--port", str(cluster.ports["teltonika"]), "-n", "40",
            "-f", "5", "-d", "30",
        )  # fmt: skip
        assert summary["acked"] == 200 and summary["failed"] == 0
        assert frames() == 240  # logins + reports
        # 40 devices log in and stay connected while the gateway is told to stop
        idle = subprocess.Popen(
            [sys.executable, "-m", "fleetwire", "simulate", "--json", "-p", "teltonika",
             "--port", str(cluster.ports["teltonika"]), "-n", "40", "--idle", "-d", "60",
             "--first-id", "352093081452000"],
            env=cluster.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while frames() < 280 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert frames() == 280, "the idle devices' logins were not all stored"
    finally:
        gw.send_signal(signal.SIGTERM)
        code = gw.wait(60)
        if idle is not None:
            idle.kill()
            idle.wait(30)
    assert code == 0
    text = log.read_text()
    pids = set(re.findall(r"started role=gateway pid=(\d+)", text))
    assert len(pids) == 2
    held = [int(n) for n in re.findall(r"gateway_stopping connections=(\d+)", text)]
    assert len(held) == 2 and sum(held) == 40, held
    assert min(held) > 0, f"one process served no device: {held}"
