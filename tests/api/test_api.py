"""The HTTP API on a real socket (uvicorn in a thread) over real SQLite stores filled by the
real worker, as an administrator (tests/api/conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fleetwire.api.web_ui import UI_DIST
from fleetwire.protocols import teltonika
from fleetwire.worker.loop import Worker
from tests.api.conftest import Client
from tests.conftest import make_settings
from tests.worker.test_worker import IMEI, T0, append, device


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def test_devices(client: Client) -> None:
    body = client.get("/api/fleetwire/devices").json()
    assert [d["uniqueId"] for d in body] == [IMEI]
    assert body[0]["protocol"] == "teltonika"
    assert body[0]["lastUpdate"] == "2026-11-20T10:00:03.000Z"


def test_positions_in_range(client: Client) -> None:
    r = client.get(
        "/api/fleetwire/positions",
        params={"device": IMEI, "from": iso(T0), "to": iso(T0 + timedelta(seconds=3))},
    )
    assert r.status_code == 200
    body = r.json()
    assert [p["time"] for p in body] == ["2026-11-20T10:00:01.000Z", "2026-11-20T10:00:02.000Z"]
    p = body[0]
    assert (p["latitude"], p["longitude"], p["speed"], p["course"]) == (54.6872, 25.2797, 42, 90)
    assert p["satellites"] == 9 and p["valid"] is True and p["altitude"] == 120
    assert p["attributes"]["ignition"] is True and p["frame"] == 2


def test_naive_times_are_utc(client: Client) -> None:
    r = client.get(
        "/api/fleetwire/positions",
        params={"device": IMEI, "from": "2026-11-20T10:00:00", "to": "2026-11-21"},
    )
    assert len(r.json()) == 3


def test_latest(client: Client) -> None:
    body = client.get("/api/fleetwire/positions/latest").json()
    assert len(body) == 1 and body[0]["time"] == "2026-11-20T10:00:03.000Z"
    one = client.get("/api/fleetwire/positions/latest", params={"device": IMEI}).json()
    assert one == body


def test_raw_frames(client: Client) -> None:
    day = {"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
    body = client.get("/api/raw", params={"device": IMEI, **day}).json()
    assert len(body) == 2
    assert body[0]["hex"] == teltonika.Device(IMEI).login()[0].hex()
    assert body[0]["protocol"] == "teltonika" and body[0]["peer"] == "127.0.0.1:1"
    assert body[0]["context"] is None  # Teltonika frames need nothing from earlier frames


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),  # nothing given
        ({"device": IMEI, "from": "yesterday", "to": "2026-11-21"}, 422),  # not a time
        ({"device": IMEI, "from": "2026-11-21", "to": "2026-11-20"}, 400),  # reversed range
        ({"device": "999", "from": "2026-11-20", "to": "2026-11-21"}, 404),  # unknown device
        ({"device": IMEI, "from": "2026-11-20", "to": "2026-11-21", "limit": "0"}, 422),
    ],
)
def test_bad_parameters_are_4xx_with_a_message(
    client: Client, params: dict[str, str], status: int
) -> None:
    for path in ("/api/fleetwire/positions", "/api/raw"):
        r = client.get(path, params=params)
        assert r.status_code == status, (path, r.text)
        assert r.json()["detail"]


def test_unknown_device_latest_is_404(client: Client) -> None:
    assert (
        client.get("/api/fleetwire/positions/latest", params={"device": "nope"}).status_code == 404
    )


def test_docs_and_openapi(client: Client) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {
        "/api/fleetwire/devices",
        "/api/fleetwire/positions",
        "/api/fleetwire/positions/latest",
        "/api/raw",
    } <= set(spec["paths"])


def test_metrics_and_health(client: Client) -> None:
    text = client.get("/metrics").text
    assert "fleetwire_worker_lag_frames 0.0" in text
    assert "fleetwire_rawlog_head 2.0" in text
    assert client.as_(None).get("/api/health").json()["lag"] == 0  # public


def test_dead_letters_name_the_impossible_value(data_dir: Path, client: Client) -> None:
    """A frame that does not decode and one whose record fails the sanity check (Teltonika's
    Codec 8 example 1 with latitude 0x7FFFFFFF), as the API shows them."""
    from tests.protocols.teltonika.vectors import C8_EXAMPLE1_LATITUDE_MAX

    assert client.get("/api/dead-letters").json() == []
    dev_id = device(data_dir, IMEI, "teltonika")
    append(data_dir, "teltonika", dev_id, [C8_EXAMPLE1_LATITUDE_MAX, C8_EXAMPLE1_LATITUDE_MAX[:30]])
    w = Worker(make_settings(data_dir))
    w.step()
    w.close()
    body = client.get("/api/dead-letters", {"device": IMEI}).json()
    assert [(d["frame"], d["uniqueId"], d["protocol"]) for d in body] == [
        (4, IMEI, "teltonika"), (3, IMEI, "teltonika"),
    ]  # fmt: skip
    assert body[1]["error"] == "InvalidField: latitude 214.7483647 outside [-90, 90]"
    assert body[0]["error"].startswith("TruncatedFrame")
    assert len(client.get("/api/dead-letters", {"limit": "1"}).json()) == 1
    assert client.get("/api/dead-letters", {"device": "nope"}).status_code == 404


def test_index_page(client: Client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "Fleetwire" in r.text
    if (UI_DIST / "index.html").is_file():  # the web UI is built (make ui): / is the UI
        assert r.text == (UI_DIST / "index.html").read_text()
        return
    # the status page draws from these endpoints; it must name every one it fetches
    for path in ("/api/fleetwire/devices", "/api/fleetwire/positions/latest", "/api/health"):
        assert path in r.text
