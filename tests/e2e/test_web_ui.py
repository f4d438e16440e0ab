"""The web UI in a real browser: Debian's Chromium driven by Playwright against a real
`fleetwire run` with simulated Teltonika devices. Registers the first user through the UI, sees
the devices move on the live map (over the WebSocket: no REST polling), opens a history and the raw
frames behind a position, sends a command and watches the device answer it, opens the reports,
adds a user with one device and logs in as them; that user forgets the password, gets the reset
link by email from a real SMTP server (aiosmtpd), sets a new one and logs in with it.
Screenshots go to artifacts/web/.

The simulated devices' fixes date two days back (simulate.track.start_time), while the history
and the reports open on the last 24 hours: the test chooses the period it needs in the form.

Map tiles come from a made-up host that the test answers itself (this sandbox has no internet),
which also checks that `api.tile_url` reaches the browser."""

from __future__ import annotations

import os
import re
import socket
import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from fleetwire.api.web_ui import UI_DIST
from fleetwire.protocols import NAMES, teltonika
from fleetwire.simulate.track import Track, start_time
from fleetwire.testing import free_port, start_role, wait_port
from tests.e2e.harness import Cluster
from tests.worker.outbox.services import Inbox, smtp_server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"
TILE_HOST = "http://tiles.fleetwire.test"
ADMIN = ("admin@example.com", "correct horse battery")
DRIVER = ("driver@example.com", "another long secret")
DRIVER_NEW_PASSWORD = "a new secret after the reset"
DEVICES = 3


def tile_png() -> bytes:
    """A 256×256 light tile with a grid line on two edges, so the map shows its tile seams."""
    rows = []
    for y in range(256):
        line = bytearray()
        for x in range(256):
            line += b"\xc8\xd2\xdc" if x == 0 or y == 0 else b"\xee\xf0\xe8"
        rows.append(b"\x00" + bytes(line))
    raw = zlib.compress(b"".join(rows))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    port = free_port()
    with smtp_server(port) as inbox:
        yield port, inbox


@pytest.fixture
def cluster(tmp_path: Path, smtp: tuple[int, Inbox]) -> Iterator[Cluster]:
    # a server with no user at all (not new_cluster's): the test registers the first one in the UI
    data = tmp_path / "data"
    data.mkdir()
    c = Cluster(data, {"api": free_port(), **{name: free_port() for name in NAMES}})
    c.extra_env["FLEETWIRE_API__TILE_URL"] = TILE_HOST + "/{z}/{x}/{y}.png"
    # password reset mails go to the test's SMTP server, with links to this server's UI
    c.extra_env["FLEETWIRE_OUTBOX__NOTIFY__SMTP_HOST"] = "127.0.0.1"
    c.extra_env["FLEETWIRE_OUTBOX__NOTIFY__SMTP_PORT"] = str(smtp[0])
    c.extra_env["FLEETWIRE_API__WEB_URL"] = f"http://127.0.0.1:{c.ports['api']}"
    for name in NAMES:  # only the protocol the test speaks: a lighter gateway on a busy machine
        if name != "teltonika":
            c.extra_env[f"FLEETWIRE_PROTOCOLS__{name.upper()}__ENABLED"] = "false"
    log = tmp_path / "run.log"
    c.logs["run"] = log
    c.procs["run"] = proc = start_role("run", ["--data-dir", str(data)], c.env(), log)
    for port in (c.ports["teltonika"], c.ports["api"]):
        wait_port(port, proc, log, timeout=90)
    yield c
    c.stop_all()


class Tracker(threading.Thread):
    """One Teltonika device on a real socket: a fix a second along a simulated track, every ACK
    checked byte for byte, and each Codec 12 command answered as FMB firmware does
    (Device.respond). `fleetwire simulate` answers no commands, hence this small driver."""

    def __init__(self, port: int, index: int) -> None:
        super().__init__(daemon=True)
        self.device = teltonika.Device(teltonika.Device.nth_id(index))
        self.track = Track(index, start_time())
        self.first_fix = self.track.t + timedelta(seconds=1)
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def read(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("the gateway closed the connection")
            out += chunk
        return out

    def reply(self, expected: bytes) -> None:
        """Read the reply to a frame; a command that comes first (a Codec 12 packet opens with
        four zero bytes, an ACK never does) is answered on the way."""
        while True:
            head = self.read(4)
            if head == b"\0\0\0\0" and expected[:4] != head:
                size = self.read(4)
                packet = head + size + self.read(int.from_bytes(size, "big") + 4)
                self.sock.sendall(self.device.respond(packet))
                continue
            assert head + self.read(len(expected) - 4) == expected
            return

    def run(self) -> None:
        try:
            frame, ack = self.device.login()
            self.sock.sendall(frame)
            assert self.read(len(ack)) == ack
            while not self.stop.wait(1.0):
                frame, ack = self.device.report([self.track.next()])
                self.sock.sendall(frame)
                self.reply(ack)
        except BaseException as e:
            if not self.stop.is_set():
                self.error = e
        finally:
            self.sock.close()


@pytest.fixture
def devices(cluster: Cluster) -> Iterator[list[Tracker]]:
    trackers = [Tracker(cluster.ports["teltonika"], i) for i in range(DEVICES)]
    for t in trackers:
        t.start()
    yield trackers
    for t in trackers:
        t.stop.set()
        t.join(10)
    assert [t.error for t in trackers] == [None] * DEVICES


@pytest.fixture
def page(cluster: Cluster) -> Iterator[Any]:
    need(CHROMIUM.exists(), f"no {CHROMIUM}: scripts/services.sh installs Debian's chromium")
    need((UI_DIST / "index.html").is_file(), "the web UI is not built (make ui, needs node)")
    try:
        from playwright import sync_api as playwright
    except ImportError:
        need(False, "playwright is not installed (the test extra)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 800},
            timezone_id="UTC",  # the period form's local times are the test's UTC ones
            base_url=f"http://127.0.0.1:{cluster.ports['api']}",
        )
        tile = tile_png()
        context.route(
            TILE_HOST + "/**",
            lambda route: route.fulfill(status=200, content_type="image/png", body=tile),
        )
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        pg.screenshot(path=str(ARTIFACTS / "last.png"))  # where it ended, pass or fail
        browser.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def local_input(t: datetime) -> str:
    """A <input type=datetime-local> value (the browser runs in UTC)."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def show_period(page: Any, start: datetime, end: datetime) -> None:
    form = page.locator("form.period")
    form.locator("input[name=from]").fill(local_input(start))
    form.locator("input[name=to]").fill(local_input(end))
    form.get_by_role("button", name="Show").click()
    # the screen's path names the period once it is shown (URLSearchParams writes ':' as %3A)
    page.wait_for_url(re.compile("from=" + re.escape(quote(f"{start:%Y-%m-%dT%H:%M}", safe=""))))


def positions_shown(page: Any) -> int:
    summary = page.get_by_test_id("history-summary")
    summary.wait_for()
    return int(re.match(r"(\d+) positions", summary.inner_text()).group(1))  # type: ignore[union-attr]


def marker_at(page: Any, device_id: str) -> tuple[float, float, str]:
    el = page.locator(f'.device-marker[data-device-id="{device_id}"]')
    return (
        float(el.get_attribute("data-lat")),
        float(el.get_attribute("data-lon")),
        str(el.get_attribute("data-fix-time")),
    )


def test_web_ui_in_chromium(
    cluster: Cluster, smtp: tuple[int, Inbox], devices: list[Tracker], page: Any
) -> None:
    latest_polls: list[str] = []
    page.on(
        "request",
        lambda r: latest_polls.append(r.url) if r.url.endswith("/api/positions") else None,
    )
    tiles: list[str] = []
    page.on("request", lambda r: tiles.append(r.url) if r.url.startswith(TILE_HOST) else None)

    # a new server: the UI offers the first registration, and that account is the administrator
    page.goto("/")
    page.get_by_role("button", name="Create account").wait_for()
    page.fill("input[name=name]", "Admin")
    page.fill("input[name=email]", ADMIN[0])
    page.fill("input[name=password]", ADMIN[1])
    shot(page, "01-register")
    page.get_by_role("button", name="Create account").click()

    # the device list and the live map
    rows = page.locator("aside.devices li")
    rows.nth(DEVICES - 1).wait_for()
    markers = page.locator(".device-marker[data-device-id]")
    markers.nth(DEVICES - 1).wait_for()
    assert rows.count() == DEVICES and markers.count() == DEVICES
    page.locator(".conn.on").wait_for()
    assert "online" in rows.first.inner_text()
    assert tiles, "the map asked for no tiles from api.tile_url"
    shot(page, "02-live-map")

    # markers move as positions arrive over the socket, with no REST polling after the start
    device_id = str(markers.first.get_attribute("data-device-id"))
    polls_at_start = len(latest_polls)
    before = marker_at(page, device_id)
    page.wait_for_function(
        """([id, t]) => {
            const el = document.querySelector(`.device-marker[data-device-id="${id}"]`);
            return el && el.dataset.fixTime > t;
        }""",
        arg=[device_id, before[2]],
    )
    page.wait_for_timeout(2500)
    after = marker_at(page, device_id)
    assert after[:2] != before[:2] and after[2] > before[2]
    assert len(latest_polls) == polls_at_start, latest_polls

    page.locator(f'aside.devices li[data-device-id="{device_id}"]').click()
    panel = page.get_by_test_id("device-panel")
    panel.wait_for()
    page.wait_for_timeout(3000)  # let the followed marker draw a few seconds of trail
    assert "km/h" in panel.inner_text()
    shot(page, "03-device-followed")

    # history opens on the last 24 hours up to now; the fixes of these devices date two days
    # back, so it is empty and offers the day up to the device's last fix
    panel.get_by_role("button", name="History").click()
    empty = page.get_by_test_id("history-empty")
    empty.wait_for()
    opened = datetime.now(UTC)
    shown_to = datetime.fromisoformat(page.input_value("form.period input[name=to]") + "+00:00")
    shown_from = datetime.fromisoformat(page.input_value("form.period input[name=from]") + "+00:00")
    assert abs(shown_to - opened) < timedelta(minutes=3), (shown_to, opened)
    assert shown_to - shown_from == timedelta(hours=24)
    assert "The last one is from" in empty.inner_text()
    shot(page, "04-history-default")
    empty.get_by_role("button", name="Show the day up to it").click()
    page.wait_for_url(re.compile("to="))
    assert positions_shown(page) >= 3

    # then the period the test needs, chosen in the form: the devices' first minutes
    first_fix = min(t.first_fix for t in devices)
    start, end = first_fix - timedelta(minutes=1), first_fix + timedelta(minutes=10)
    show_period(page, start, end)
    assert positions_shown(page) >= 3
    assert page.locator(".leaflet-overlay-pane path").count() >= 1  # the track
    page.locator("[data-testid=history-map] .leaflet-tile-loaded").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "04-history")

    page.get_by_role("button", name="raw", exact=True).first.click()
    frame = page.locator(".frame.nearest")
    frame.wait_for()
    assert "teltonika/tcp" in frame.inner_text()
    assert re.search(r"0000  00 00 00 00 ", frame.inner_text())  # a Teltonika AVL packet's preamble
    shot(page, "05-raw-frames")

    # a command through Fleetwire's queue, answered by the simulated device
    page.get_by_role("link", name="Commands").click()
    page.select_option("select[name=type]", "custom")
    page.fill("input[name=data]", "getver")
    page.get_by_role("button", name="Send").click()
    state = page.locator("[data-testid=command-queue] tbody tr").first.locator(".state")
    state.wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=command-queue] tbody tr .state')"
        "?.textContent === 'answered'",
        timeout=30_000,
    )
    assert "OK: getver" in page.locator("[data-testid=command-queue] tbody tr").first.inner_text()
    shot(page, "06-command-answered")

    # reports: the trips, stops and events tables of the devices' first minutes, each with its
    # export
    page.get_by_role("link", name="Reports").click()
    show_period(page, start, end)
    for kind in ("trips", "stops", "events"):
        page.locator(".tabs button", has_text=kind).click()
        page.locator(f"[data-testid=report-{kind}], .note:has-text('No {kind}')").first.wait_for()
        assert page.locator(".error").count() == 0, page.locator(".error").first.inner_text()
    assert (
        page.get_by_role("link", name="xlsx")
        .get_attribute("href")
        .startswith("/api/reports/events/xlsx?")
    )
    shot(page, "07-reports")

    # users: add one, give them one device, and log in as them: they see that device only
    page.get_by_role("link", name="Users").click()
    form = page.locator("form.add-user")
    form.locator("input[name=name]").fill("Driver")
    form.locator("input[name=email]").fill(DRIVER[0])
    form.locator("input[name=password]").fill(DRIVER[1])
    form.get_by_role("button", name="Add").click()
    links = page.get_by_test_id("user-devices").locator("input[type=checkbox]")
    links.nth(DEVICES - 1).wait_for()
    links.first.check()
    page.wait_for_timeout(500)
    shot(page, "08-users")

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Log in").wait_for()
    page.fill("input[name=email]", DRIVER[0])
    page.fill("input[name=password]", DRIVER[1])
    page.get_by_role("button", name="Log in").click()
    page.locator(".device-marker[data-device-id]").first.wait_for()
    page.wait_for_timeout(1000)
    assert page.locator("aside.devices li").count() == 1
    assert page.get_by_role("link", name="Users").count() == 0
    shot(page, "09-user-sees-own-device")

    # the driver forgets the password: the reset link comes by email (the real SMTP server)
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Forgot password?").click()
    send = page.get_by_role("button", name="Email me a link")
    send.wait_for()
    page.fill("input[name=email]", DRIVER[0])
    shot(page, "10-forgot-password")
    send.click()
    page.get_by_text("an email with a link").wait_for()
    shot(page, "11-reset-link-sent")
    mail = smtp[1].wait(1, timeout=20)[0]
    assert mail["To"] == DRIVER[0] and mail["Subject"] == "Password reset"
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    base = f"http://127.0.0.1:{cluster.ports['api']}"
    link = re.search(re.escape(base) + r"/reset-password\?passwordReset=[\w-]+", body.decode())
    assert link, body

    page.goto(link.group(0))
    page.get_by_role("button", name="Set password").wait_for()
    page.fill("input[name=password]", DRIVER_NEW_PASSWORD)
    shot(page, "12-new-password")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your new password is set").wait_for()
    assert page.get_by_role("button", name="Log in").count() == 1
    shot(page, "13-password-set")

    # the link works once: opened again, it says so and offers a new one
    page.goto(link.group(0))
    page.fill("input[name=password]", "yet another password")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("This link no longer works").wait_for()
    assert page.locator("input[name=password]").count() == 0
    shot(page, "14-reset-link-spent")
    page.get_by_role("button", name="Email me a new link").click()
    page.get_by_role("button", name="Email me a link").wait_for()
    page.get_by_role("button", name="Back to login").click()

    login = page.get_by_role("button", name="Log in")
    login.wait_for()
    page.fill("input[name=email]", DRIVER[0])
    page.fill("input[name=password]", DRIVER[1])
    login.click()
    page.get_by_text("Wrong email or password.").wait_for()  # the old one no longer works
    page.fill("input[name=password]", DRIVER_NEW_PASSWORD)
    login.click()
    page.locator(".device-marker[data-device-id]").first.wait_for()
    assert page.locator("aside.devices li").count() == 1
    shot(page, "15-logged-in-with-new-password")
