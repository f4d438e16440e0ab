"""`fleetwire replay` on real SQLite files: frames the worker stored wrongly (a missing time zone,
a decoder that failed) are decoded again and their records replaced, exactly once, with the
latest position worked out afresh; frames outside the selection and after the worker's position
are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from fleetwire.config import Settings
from fleetwire.rawlog.base import RawEntry
from fleetwire.rawlog.sqlite import SqliteRawLogWriter
from fleetwire.store.registry import SqliteRegistry
from fleetwire.store.telemetry import SqliteTelemetry
from fleetwire.tools.replay import Selection, replay
from fleetwire.worker.loop import Worker
from tests.conftest import make_settings
from tests.protocols.gt06 import vectors as gt06
from tests.protocols.minifinder2 import vectors as minifinder2
from tests.test_cli import CODEC8

# Concox JM-VL03 protocol v1.1.2 examples: a device on GMT+8 (its login says so) reporting a
# GPS+LBS position (0x22) at 2015-12-29 02:51:05 local time and an alarm (0x26) at 03:11:38
VL03_FRAMES = [gt06.VL03_LOGIN, gt06.VL03_GPS_LBS_2, gt06.VL03_ALARM_2]
LOGIN_SEQ = 1
LOCAL = [datetime(2015, 12, 29, 2, 51, 5, tzinfo=UTC), datetime(2015, 12, 29, 3, 11, 38, tzinfo=UTC)]  # fmt: skip  # noqa: E501
UTC_TIMES = [datetime(2015, 12, 28, 18, 51, 5, tzinfo=UTC), datetime(2015, 12, 28, 19, 11, 38, tzinfo=UTC)]  # fmt: skip  # noqa: E501


def with_timezone(settings: Settings, protocol: str, hours: float) -> Settings:
    protocols = dict(settings.protocols)
    protocols[protocol] = protocols[protocol].model_copy(update={"timezone": hours})
    return settings.model_copy(update={"protocols": protocols})


def register(settings: Settings, uid: str, protocol: str) -> int:
    reg = SqliteRegistry(settings.registry_path)
    dev = reg.resolve([(uid, protocol)], register=True)[uid]
    reg.close()
    assert dev is not None
    return dev.id


def append(settings: Settings, protocol: str, device_id: int, frames: list[bytes]) -> None:
    w = SqliteRawLogWriter(settings.rawlog_path)
    now = time.time_ns() // 1000
    w.append([RawEntry(device_id, protocol, "tcp", now, 1, "127.0.0.1:9", f) for f in frames])
    w.close()


def work(settings: Settings) -> None:
    w = Worker(settings)
    while w.step():
        pass
    w.close()


def stored(settings: Settings, device_id: int) -> list[tuple[datetime, str, int]]:
    """(fix time, kind, raw frame) of a device's records past its first frame (a login, which
    a protocol may keep as a status record dated by its receive time, no time zone changes)."""
    s = SqliteTelemetry(settings.telemetry_path)
    rows = s.positions(device_id, 0, 2**62, 1000)
    s.close()
    return [(datetime.fromtimestamp(p.fix_time_ms / 1000, UTC), p.kind, p.frame_seq)
            for p in rows if p.frame_seq != LOGIN_SEQ]  # fmt: skip


def latest(settings: Settings, device_id: int) -> datetime | None:
    s = SqliteTelemetry(settings.telemetry_path)
    rows = s.latest([device_id])
    s.close()
    return datetime.fromtimestamp(rows[0].fix_time_ms / 1000, UTC) if rows else None


@pytest.fixture
def fleet(data_dir: Path) -> tuple[Settings, int, int]:
    """A GMT+8 GT06 device stored as if its clock were UTC, and a Teltonika device beside it."""
    settings = make_settings(data_dir)
    gt = register(settings, "752533678900242", "gt06")
    tel = register(settings, "356307042441013", "teltonika")
    append(settings, "gt06", gt, VL03_FRAMES)
    append(settings, "teltonika", tel, [bytes.fromhex(CODEC8)])
    work(settings)
    assert [t for t, _, _ in stored(settings, gt)] == LOCAL
    return settings, gt, tel


def test_replay_after_a_time_zone_fix_replaces_the_records(
    fleet: tuple[Settings, int, int],
) -> None:
    settings, gt, tel = fleet
    fixed = with_timezone(settings, "gt06", 8)
    teltonika_before = stored(settings, tel)

    dry = replay(fixed, Selection(protocols=["gt06"]), dry_run=True)
    assert (dry.frames, dry.unchanged, dry.removed, dry.added) == (3, 0, 2, 2)  # login: none
    assert [t for t, _, _ in stored(settings, gt)] == LOCAL  # a dry run writes nothing

    done = replay(fixed, Selection(protocols=["gt06"]))
    assert (done.frames, done.removed, done.added, done.dead_after) == (3, 2, 2, 0)
    rows = stored(settings, gt)
    assert [t for t, _, _ in rows] == UTC_TIMES
    assert [seq for _, _, seq in rows] == [2, 3]  # still pointing at their raw frames
    assert latest(settings, gt) == UTC_TIMES[1]
    assert stored(settings, tel) == teltonika_before  # not selected: untouched

    again = replay(fixed, Selection(protocols=["gt06"]))  # idempotent: nothing left to change
    assert (again.unchanged, again.removed, again.added) == (2, 0, 0)
    assert [t for t, _, _ in stored(settings, gt)] == UTC_TIMES


def test_replay_of_dead_letters_stores_what_a_fixed_decoder_reads(
    fleet: tuple[Settings, int, int],
) -> None:
    settings, gt, _ = fleet
    # the state an older decoder leaves when it fails on the alarm frame: no record, a dead letter
    store = SqliteTelemetry(settings.telemetry_path)
    store.replace_frames([3], [], [(3, gt, "gt06", "bug KeyError: 38", 0)], 600_000)
    store.close()
    assert [t for t, _, _ in stored(settings, gt)] == LOCAL[:1]
    assert latest(settings, gt) == LOCAL[0]

    done = replay(settings, Selection(dead_letters=True))
    assert (done.frames, done.dead_before, done.dead_after, done.added) == (1, 1, 0, 1)
    assert [t for t, _, _ in stored(settings, gt)] == LOCAL
    assert latest(settings, gt) == LOCAL[1]
    store = SqliteTelemetry(settings.telemetry_path)
    assert store.dead_letters(10) == []
    store.close()
    assert replay(settings, Selection(dead_letters=True)).frames == 0


def test_frames_after_the_workers_position_are_left_to_the_worker(
    fleet: tuple[Settings, int, int],
) -> None:
    settings, gt, _ = fleet
    append(settings, "gt06", gt, [gt06.VL03_GPS_LBS_2])  # seq 5, not yet decoded
    done = replay(with_timezone(settings, "gt06", 8), Selection(devices=["752533678900242"]))
    assert (done.frames, done.upto_seq) == (3, 4)
    work(settings)  # the worker decodes seq 5 with its own settings
    assert len(stored(settings, gt)) == 3


def test_replay_selects_by_receive_time(fleet: tuple[Settings, int, int]) -> None:
    settings = fleet[0]
    future = int((time.time() + 3600) * 1e6)
    assert replay(settings, Selection(from_us=future)).frames == 0
    assert replay(settings, Selection(to_us=future)).frames == 4


def run_cli(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FLEETWIRE_")}
    return subprocess.run(
        [sys.executable, "-m", "fleetwire", "replay", "--data-dir", str(settings.data_dir), *args],
        env={**environ, **env}, capture_output=True, timeout=60, check=False,
    )  # fmt: skip


def test_cli_replays_one_device_with_the_configured_time_zone(
    fleet: tuple[Settings, int, int],
) -> None:
    settings, gt, _ = fleet
    out = run_cli(settings, "--device", "752533678900242", "--json",
                  FLEETWIRE_PROTOCOLS__GT06__TIMEZONE="8")  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()
    summary = orjson.loads(out.stdout)
    assert (summary["frames"], summary["removed"], summary["added"]) == (3, 2, 2)
    assert [t for t, _, _ in stored(settings, gt)] == UTC_TIMES


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), b"say which frames"),
        (("--device", "000000000000000"), b"no device"),
        (("--protocol", "nope"), b"unknown protocol"),
        (("--from", "yesterday"), b"not an ISO-8601 time"),
    ],
)
def test_cli_refuses_what_it_cannot_select(
    fleet: tuple[Settings, int, int], args: tuple[str, ...], message: bytes
) -> None:
    out = run_cli(fleet[0], *args)
    assert out.returncode == 2 and message in out.stderr, out.stderr.decode()


def test_binary_frames_logged_under_the_old_minifinder_name_decode_and_replay(
    data_dir: Path,
) -> None:
    """Before issue 12 the binary protocol (now minifinder2) was called minifinder, and the raw
    log keeps that name per frame: the worker and a replay still read those frames as binary."""
    settings = make_settings(data_dir)
    uid = "867730053403279"  # the IMEI inside GPS_SHENZHEN
    dev = register(settings, uid, "minifinder")
    # a heartbeat first: stored() leaves out the first frame (the login of the fixture above)
    append(settings, "minifinder", dev, [minifinder2.HEARTBEAT, minifinder2.GPS_SHENZHEN])
    work(settings)
    first = stored(settings, dev)
    assert [(k, seq) for _, k, seq in first] == [("position", 2)]
    store = SqliteTelemetry(settings.telemetry_path)
    assert store.dead_letters(10) == []
    store.close()
    done = replay(settings, Selection(protocols=["minifinder"]))
    assert (done.frames, done.removed, done.added, done.dead_after) == (2, 0, 0, 0)
    assert stored(settings, dev) == first
