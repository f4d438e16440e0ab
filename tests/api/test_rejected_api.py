"""Positions a filter kept out of telemetry are visible through the API with the filter's name
(business-logic.md §8, feature 3), to a caller who may see the device."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleetwire.model import Record
from fleetwire.protocols import teltonika
from fleetwire.worker.loop import Worker
from tests.api.conftest import ADMIN, Client, add_user, basic, serve
from tests.conftest import make_settings
from tests.worker.test_worker import IMEI, append, device


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


@pytest.fixture
def client(data_dir: Path) -> Iterator[Client]:
    dev_id = device(data_dir, IMEI, "teltonika")
    d = teltonika.Device(IMEI)
    now = datetime.now(UTC).replace(microsecond=0)
    good = Record(now, valid=True, latitude=54.0, longitude=25.0, speed=0.0)
    # 3 h ahead: within the decoders' sanity bound (a day), past filter.future as configured
    ahead = Record(now + timedelta(hours=3), valid=True, latitude=54.1, longitude=25.0, speed=0.0)
    append(data_dir, "teltonika", dev_id, [d.login()[0], d.report([good, ahead])[0]])
    settings = make_settings(data_dir)
    settings.logic["filter.future"] = 3600
    w = Worker(settings)
    w.step()
    w.close()
    add_user(settings, *ADMIN, administrator=True)
    add_user(settings, "nobody@example.org", "nobody password")
    for base in serve(settings):
        yield Client(base, basic(*ADMIN))


def test_rejected_position_listed_with_its_filter(client: Client) -> None:
    now = datetime.now(UTC)
    span = {"from": iso(now - timedelta(days=1)), "to": iso(now + timedelta(days=5))}
    body = client.get("/api/rejected", params={"device": IMEI, **span}).json()
    assert [(r["reason"], r["latitude"]) for r in body] == [("filter.future", 54.1)]
    stored = client.get("/api/fleetwire/positions", params={"device": IMEI, **span}).json()
    assert [p["latitude"] for p in stored] == [54.0]
    assert client.get("/api/rejected", params={"device": "nope", **span}).status_code == 404
    other = client.as_(basic("nobody@example.org", "nobody password"))
    assert other.get("/api/rejected", params={"device": IMEI, **span}).status_code == 404
    assert client.as_(None).get("/api/rejected", params={"device": IMEI, **span}).status_code == 401
