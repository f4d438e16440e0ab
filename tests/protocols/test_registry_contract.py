"""Every registered protocol has the same shape and keeps the same promises (STYLE.md, the
protocol contract): the same files, the class attributes the gateway and README rely on, a
device simulator whose frames its own framer, inspect and decoder agree with, and a detect()
that claims its own first frame and no other protocol's."""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import random
from datetime import UTC, datetime

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import NAMES, all_protocols, device_class, get
from fleetwire.protocols.base import (
    DecodeContext,
    Detection,
    FrameKind,
    Session,
    SimulatedDevice,
    TrackerProtocol,
    Transport,
)
from fleetwire.protocols.framing import Framer, frame_starts
from tests.protocols.contract import assert_sane, framer

FILES = ("constants", "framing", "inspect", "decoding", "encoding", "device", "protocol")
IMEI = "356307042441013"
# the shared command vocabulary (issue: commands); protocols may add their own documented ones
KNOWN_COMMANDS = {
    "custom", "engineStop", "engineResume", "outputControl", "positionPeriodic", "positionSingle",
    "requestPosition", "rebootDevice", "requestInfo", "setTimezone", "configuration",
    "firmwareUpdate", "message", "alarmSos", "powerOff", "setOdometer",
}  # fmt: skip


def fix() -> Record:
    return Record(
        fix_time=datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC), valid=True, latitude=54.6872,
        longitude=25.2797, altitude=120.0, speed=42.0, course=90.0, satellites=9,
        attributes={"ignition": True},
    )  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_same_files_and_attributes(name: str) -> None:
    for module in FILES:
        importlib.import_module(f"fleetwire.protocols.{name}.{module}")
    p = get(name)
    assert isinstance(p, TrackerProtocol) and p.name == name
    assert 0 < p.default_port < 65536
    assert p.transports and p.transports <= set(Transport)
    assert 64 <= p.max_frame_size <= 1 << 20
    assert p.messages and p.devices
    assert "custom" in p.commands or not p.commands
    assert issubclass(device_class(name), SimulatedDevice)


def test_default_ports_are_distinct() -> None:
    ports = [p.default_port for p in all_protocols()]
    assert len(ports) == len(set(ports))


def first_frame(name: str) -> bytes:
    """What a device of this protocol sends first: its login, or its first report where the
    protocol has no login (HTTP, some text protocols)."""
    cls = device_class(name)
    dev = cls(cls.example_id)
    return dev.login()[0] or dev.report([fix()])[0]


@pytest.mark.parametrize("name", NAMES)
def test_simulated_device_round_trip(name: str) -> None:
    p = get(name)
    transport = Transport.TCP if Transport.TCP in p.transports else next(iter(p.transports))
    cls = device_class(name)
    dev = cls(cls.example_id, transport)
    session = Session(transport)
    handshake = [(f, r) for f, r in dev.handshake() if f]
    report, report_ack = dev.report([fix()])
    frames = framer(p).feed(b"".join(f for f, _ in handshake) + report)
    # a text frame may leave its line end's last byte to the framer, which skips it
    sent = [f.rstrip(b"\r\n") for f in (*(f for f, _ in handshake), report)]
    assert [f.rstrip(b"\r\n") for f in frames] == sent
    *opening, report = frames
    for frame, (_, reply) in zip(opening, handshake, strict=True):
        up = p.inspect(frame, session)
        assert up.ack == reply
        session.unique_id = up.unique_id or session.unique_id
    if opening:
        assert session.unique_id is not None, "the handshake identifies the device"
    up = p.inspect(report, session)
    assert up.ack == report_ack
    assert up.kind in (FrameKind.DATA, FrameKind.LOGIN)
    session.unique_id = up.unique_id or session.unique_id
    assert session.unique_id is not None
    ctx = DecodeContext(
        session.unique_id, datetime(2026, 11, 26, tzinfo=UTC), transport, context=up.context
    )
    records = [r for r in p.decode(report, ctx) if r.latitude is not None]
    assert records, "the report decodes to a position"
    for r in records:
        assert_sane(r)
    assert records[-1].latitude == pytest.approx(54.6872, abs=1e-4)
    assert records[-1].longitude == pytest.approx(25.2797, abs=1e-4)


@pytest.mark.parametrize("name", [n for n in NAMES if Transport.TCP in get(n).transports])
def test_detect_claims_its_own_login_and_nothing_else(name: str) -> None:
    """On the shared auto port: a protocol kept off it (auto_port False: its first frame is
    another's, field for field) is neither asked nor protected there."""
    p = get(name)
    if not p.auto_port:
        return
    assert p.detect(first_frame(name)) is Detection.YES
    for other in NAMES:
        if other == name or Transport.TCP not in get(other).transports or not get(other).auto_port:
            continue
        first = first_frame(other)
        verdicts = [p.detect(first[:k]) for k in range(1, len(first) + 1)]
        assert Detection.YES not in verdicts, f"{name} claims {other}'s login"


@pytest.mark.parametrize("name", [n for n in NAMES if Transport.TCP in get(n).transports])
def test_garbage_skip_jumps_only_over_bytes_that_cannot_start_a_frame(name: str) -> None:
    """The framer skips garbage at C speed by jumping to the next byte that frame_starts() says
    may open a frame; that is only sound if a byte the framing calls garbage on its own is
    garbage whatever follows it, and if every real first frame starts with an allowed byte."""
    p = get(name)
    fl = p.session_framing(Session())
    starts = frame_starts(fl)
    cls = device_class(name)
    dev = cls(cls.example_id)
    frames = [f for f, _ in dev.handshake() if f] + [dev.report([fix()])[0], dev.heartbeat()[0]]
    frames = [f for f in frames if f]
    for f in frames:
        assert f[0] in starts, f"{name}: a real frame starts with {f[0]:#04x}"
    rng = random.Random(name)
    tails = [f[1:] for f in frames] + frames + [rng.randbytes(64) for _ in range(16)]
    for b in sorted(set(range(256)) - set(starts)):
        for tail in tails:
            assert fl(memoryview(bytes((b,)) + tail)) < 0, (name, b, tail[:16].hex())


@pytest.mark.parametrize("name", [n for n in NAMES if Transport.TCP in get(n).transports])
def test_random_bytes_cost_few_framing_calls_and_a_bounded_feed(name: str) -> None:
    """64 KiB of random bytes (a flood) must not be scanned byte by byte in Python: count the
    protocol's frame_length calls instead of timing them. Each feed() also stops at its step
    budget, so one connection cannot hold the event loop."""
    p = get(name)
    calls = 0
    fl = p.session_framing(Session())

    def counted(buf: memoryview) -> int:
        nonlocal calls
        calls += 1
        return fl(buf)

    fr = Framer(counted, p.max_frame_size)
    calls = 0  # frame_starts() asked each byte once while the framer was built
    flood = random.Random(7).randbytes(65536)
    steps = 0
    with contextlib.suppress(DeviceError):
        fr.feed(flood, max_steps=64)
        steps += 1
        while fr.more:
            assert calls <= 64 * (steps + 1)
            fr.feed(b"", max_steps=64)
            steps += 1
    starts = len(frame_starts(fl))
    # about one call per byte that may start a frame; protocols whose frames may start with
    # any byte (length-prefixed ones) are bounded by the budget that closes the connection
    assert calls <= max(4 * 65536 * starts // 256, 64), (name, calls, starts)


@pytest.mark.parametrize("name", NAMES)
def test_every_decoder_output_passes_the_sanity_check(name: str) -> None:
    """The registry's wrapper (TrackerProtocol.__init_subclass__) stands between every decoder
    and its caller, so no protocol can hand an impossible record on."""
    assert getattr(get(name).decode, "checked", False)


def test_an_impossible_record_from_a_decoder_is_the_devices_invalid_field() -> None:
    """A decoder that reads a 50,000 km altitude (as a fuzzed Meitrack frame once did): the
    frame is refused with InvalidField naming the field, not decoded."""
    from fleetwire.errors import InvalidField

    base = get("teltonika")

    class Careless(type(base)):  # type: ignore[misc]
        @staticmethod
        def decode(frame: bytes, ctx: DecodeContext) -> list[Record]:
            return [fix(), dataclasses.replace(fix(), altitude=5.0e7)]

    ctx = DecodeContext(unique_id=IMEI, received=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidField, match="altitude"):
        Careless().decode(b"", ctx)


@pytest.mark.parametrize("name", NAMES)
def test_decode_tool_restores_a_lost_terminator(name: str) -> None:
    """A text frame given to `fleetwire decode` as a line (its terminator lost to the line
    split, as Traccar's published test messages also are) is restored to a whole frame that
    decodes as the device's own, for every protocol whose simulated frames end with one of its
    terminators."""
    from fleetwire.tools.decode import whole_frame

    proto = get(name)
    dev = device_class(name)(device_class(name).example_id)
    ctx = DecodeContext(unique_id=dev.unique_id, received=datetime(2026, 11, 20, tzinfo=UTC))
    for frame in (dev.login()[0], dev.report([fix()])[0]):
        for end in sorted(proto.terminators, key=len, reverse=True):
            if frame.endswith(end) and frame[: -len(end)].isascii():
                restored = whole_frame(proto, frame[: -len(end)])
                assert framer(proto).feed(restored) == [restored], end
                sent = framer(proto).feed(frame)[0]  # as the gateway frames the device's bytes
                assert proto.decode(restored, ctx) == proto.decode(sent, ctx)
                break
