"""Real device messages of one protocol, what Fleetwire reads in each, and what a mature decoder
reads: the harness every protocol's ``captures.py`` builds on.

A protocol keeps its real captures in ``tests/protocols/<name>/captures.jsonl``, one JSON object
a line:

- ``hex``: the bytes the device sent (or ``text``: the same as ASCII, for text protocols);
- ``expect``: what Fleetwire decodes. ``{}`` no record; ``{"error": reason}`` refused with that
  reason (``DeviceError.reason``); otherwise the fields carrying the message's meaning: ``kind``,
  ``time`` (``%Y-%m-%d %H:%M:%S`` UTC), ``lat``, ``lon``, ``altitude``, ``satellites``, ``speed``,
  ``course`` and any attribute by its name in shared/attributes.md, all of the first record;
  ``records`` (optional) the number of records the frame gives when that is not 1; or, instead
  of all that, ``{"records": [...]}``: every field of every record, as :func:`all_fields` gives;
- ``reference``: the reference decoder's own verdict on the frame, as its published test states
  it: "null" (no record), "record", "position", ["count", n] (n records), or
  ["attr", key, value];
- ``source`` (optional, else the set's default): where the frame comes from;
- ``options`` (optional): decode options the source set (a model override, say);
- ``after`` (optional): hex of the frames the device sent before this one on its connection,
  for a protocol whose frames depend on what the connection negotiated (Navtelecom's *>FLEX
  record layout): inspect() sees them first on the same session, and the frame is decoded with
  the context inspect() gives it, as the gateway and worker do.
- ``transport`` (optional, else the set's): "udp" for a datagram (it is its own frame).

Its ``captures.py`` makes a :class:`CaptureSet` with the frames where the two disagree and why
(``differences``), so that ``python -m tests.protocols.<name>.captures`` prints how many real
messages decode as the reference does, and its ``test_captures.py`` calls
:func:`check_capture`, :func:`check_framed` and ``CaptureSet.disagreements``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from tests.protocols.contract import NOW, decode_sane, framer

Reference = str | tuple[str, str, object] | tuple[str, int]
Result = list[Record] | DeviceError


@dataclass(frozen=True)
class Capture:
    hex: str
    expect: dict[str, object]
    reference: Reference
    source: str
    options: dict[str, object] = field(default_factory=dict)
    after: tuple[str, ...] = ()
    transport: Transport | None = None

    @property
    def frame(self) -> bytes:
        return bytes.fromhex(self.hex)


def load(path: Path, default_source: str) -> list[Capture]:
    out = []
    with path.open() as f:
        for line in f:
            if not line.strip():
                continue
            item = json.loads(line)
            ref = item["reference"]
            ref = ref if isinstance(ref, str) else tuple(ref)
            out.append(
                Capture(item["hex"] if "hex" in item else item["text"].encode("ascii").hex(),
                        item["expect"], ref, item.get("source", default_source),
                        item.get("options", {}), tuple(item.get("after", ())),
                        Transport(item["transport"]) if "transport" in item else None)
            )  # fmt: skip
    return out


def value_of(rec: Record, key: str) -> object:
    """A record's field by the name ``expect`` and ``reference`` use for it."""
    if key == "kind":
        return rec.kind.value
    if key == "time":
        return None if rec.fix_time == NOW else rec.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    if key == "lat":
        return rec.latitude if rec.has_position else None
    if key == "lon":
        return rec.longitude if rec.has_position else None
    if key == "valid":
        return rec.valid if rec.has_position else None
    if key in ("altitude", "satellites", "speed", "course"):
        return getattr(rec, key)
    return rec.attributes.get(key)


def all_fields(rec: Record) -> dict[str, object]:
    """Every value of a record, as an exhaustive ``expect`` writes it down."""
    out: dict[str, object] = {"kind": rec.kind.value}
    if rec.fix_time != NOW:
        out["time"] = rec.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    if rec.has_position:
        out["lat"], out["lon"], out["valid"] = rec.latitude, rec.longitude, rec.valid
    for key in ("altitude", "speed", "course", "satellites"):
        value = getattr(rec, key)
        if value is not None:
            out[key] = value
    out.update(rec.attributes)
    return out


def same(got: object, want: object) -> bool:
    if isinstance(want, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, want, abs_tol=1e-5)
    return got == want


def agrees(result: Result, reference: Reference, *, last_known: bool = False) -> bool:
    """Whether Fleetwire's result says what the reference decoder's verdict says. With
    ``last_known``, a record without a fix agrees with a "position": the reference dates the
    device's last known position afresh for such a message, Fleetwire keeps it a status record."""
    records = [] if isinstance(result, DeviceError) else result
    if reference == "null":
        return not records
    if reference == "record" or (reference == "position" and last_known):
        return bool(records)
    if reference == "position":
        return any(r.has_position for r in records)
    assert isinstance(reference, tuple), reference
    if reference[0] == "count":
        return len(records) == reference[1]
    _, key, want = reference  # type: ignore[misc]
    return bool(records) and same(value_of(records[0], key), want)


def _first_bytes(capture: Capture) -> str:
    return capture.hex[:6]


@dataclass
class CaptureSet:
    protocol_name: str
    path: Path
    default_source: str
    unique_id: str | None
    differences: dict[int, str]
    # how the count groups the differing frames (a message type, a command word)
    message_type: Callable[[Capture], str] = _first_bytes
    transport: Transport = Transport.TCP
    last_known: bool = False  # see agrees()
    captures: list[Capture] = field(init=False)

    def __post_init__(self) -> None:
        self.captures = load(self.path, self.default_source)

    @property
    def protocol(self) -> TrackerProtocol:
        return get(self.protocol_name)

    def context(self, capture: Capture) -> DecodeContext:
        return DecodeContext(unique_id=self.unique_id, received=NOW,
                             transport=capture.transport or self.transport,
                             options=dict(capture.options),
                             context=self.negotiated(capture))  # fmt: skip

    def session(self, capture: Capture) -> Session:
        """A session that has seen the frames sent before the capture on its connection."""
        session = Session(transport=capture.transport or self.transport)
        for earlier in capture.after:
            self.protocol.inspect(bytes.fromhex(earlier), session)
        return session

    def negotiated(self, capture: Capture) -> bytes:
        """The context inspect() gives the capture after the frames before it (b"": none)."""
        if not capture.after:
            return b""
        try:
            return self.protocol.inspect(capture.frame, self.session(capture)).context
        except DeviceError:
            return b""

    def decode(self, capture: Capture) -> Result:
        try:
            return self.protocol.decode(capture.frame, self.context(capture))
        except DeviceError as e:
            return e

    def disagreements(self) -> dict[int, str]:
        """Index -> message type of every capture Fleetwire reads otherwise than the reference."""
        return {
            i: self.message_type(c)
            for i, c in enumerate(self.captures)
            if not agrees(self.decode(c), c.reference, last_known=self.last_known)
        }

    def main(self) -> None:
        wrong = self.disagreements()
        total = len(self.captures)
        right = total - len(wrong)
        name = self.protocol_name
        print(f"{name}: {right} of {total} real messages read as the reference decoder")
        print(f"{' ' * len(name)}  ({right / max(total, 1):.1%}); differing, by message type:")
        for kind, n in sorted(Counter(wrong.values()).items()):
            print(f"  {kind}: {n}")
        for i in sorted(wrong):
            print(f"  #{i} {wrong[i]}: {self.differences.get(i, 'UNEXPLAINED')}")


def check_capture(captures: CaptureSet, capture: Capture, *, exhaustive: bool = False) -> None:
    """The capture decodes to exactly the values written down for it and passes the record
    sanity check; no field beyond them is set among kind, time, position and altitude (with
    ``exhaustive``, none at all: every model field and attribute of the record is listed)."""
    result = captures.decode(capture)
    expect = dict(capture.expect)
    if "error" in expect:
        assert isinstance(result, DeviceError), result
        assert result.reason == expect["error"]
        return
    assert not isinstance(result, DeviceError), result
    if not expect:
        assert result == []
        return
    decode_sane(captures.protocol, capture.frame, captures.context(capture))
    if isinstance(expect.get("records"), list):
        wanted: list[dict[str, object]] = expect["records"]  # type: ignore[assignment]
        assert len(result) == len(wanted)
        for rec, want in zip(result, wanted, strict=True):
            got = all_fields(rec)
            assert set(got) == set(want), f"fields differ: {set(got) ^ set(want)}"
            for key, value in want.items():
                assert same(got[key], value), f"{key}: {got[key]!r} != {value!r}"
        return
    assert len(result) == int(expect.pop("records", 1))  # type: ignore[call-overload]
    rec = result[0]
    for key, want in expect.items():
        got = value_of(rec, key)
        if key not in _CORE + _MODEL and key not in rec.attributes:
            got = "<missing>"
        assert same(got, want), f"{key}: {got!r} != {want!r}"
    listed = _CORE + _MODEL if exhaustive else _CORE
    unexpected = {k for k in listed if value_of(rec, k) is not None} - set(expect)
    if exhaustive:
        unexpected |= set(rec.attributes) - set(expect)
    assert not unexpected, f"fields set that the capture does not list: {unexpected}"


_CORE = ("kind", "time", "lat", "lon", "altitude")
_MODEL = ("valid", "satellites", "speed", "course")


def whole(captures: CaptureSet) -> list[Capture]:
    """The captures that are whole, sound frames (a truncated or corrupt capture is the framer's
    and inspect's to refuse, rightly: its decode test checks that refusal)."""
    refused = ("truncated", "checksum", "framing")
    return [c for c in captures.captures if c.expect.get("error") not in refused]


def check_framed(captures: CaptureSet, capture: Capture) -> None:
    """The frame leaves the framer whole (a datagram is its own frame) and inspect() does not
    fail on it."""
    frame = capture.frame
    transport = capture.transport or captures.transport
    if transport is not Transport.UDP:
        assert framer(captures.protocol).feed(frame) == [frame]
    session = captures.session(capture)
    session.received_us = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)
    captures.protocol.inspect(frame, session)


TestFunction = Callable[..., None]


def standard_tests(
    captures: CaptureSet,
    *,
    minimum: int,
    ids: Callable[[Capture], str] = lambda c: c.hex[:24],
    exhaustive: bool = False,
    total: int | None = None,
) -> tuple[TestFunction, TestFunction, TestFunction]:
    """The three tests every protocol's test_captures.py runs, for it to bind to test_ names:
    each capture decodes to its values, each whole frame is framed and inspected, and the
    disagreements with the reference are exactly the explained ones (and at least ``minimum``
    captures agree)."""

    @pytest.mark.parametrize("capture", captures.captures, ids=ids)
    def decodes(capture: Capture) -> None:
        check_capture(captures, capture, exhaustive=exhaustive)

    @pytest.mark.parametrize("capture", whole(captures), ids=ids)
    def framed(capture: Capture) -> None:
        check_framed(captures, capture)

    def explained() -> None:
        assert set(captures.disagreements()) == set(captures.differences)
        assert len(captures.captures) - len(captures.differences) >= minimum
        if total is not None:
            assert len(captures.captures) == total

    return decodes, framed, explained


def capture_tests(
    captures: CaptureSet, count: int, ident: Callable[[Capture], str] = _first_bytes
) -> tuple[TestFunction, TestFunction, TestFunction]:
    """standard_tests() for a set of exactly ``count`` captures, all but the explained ones
    agreeing with the reference."""
    return standard_tests(
        captures, minimum=count - len(captures.differences), ids=ident, total=count
    )


def check_line_framed(captures: CaptureSet, capture: Capture, end: bytes = b"\r\n") -> None:
    """For text protocols whose reference test quotes messages without the terminator its
    frame decoder strips: the message with ``end`` after it leaves the framer as one frame,
    inspect() does not fail on it and it decodes as the quoted message does."""
    frames = framer(captures.protocol).feed(capture.frame + end)
    assert len(frames) == 1 and frames[0].startswith(capture.frame), frames
    session = Session()
    captures.protocol.inspect(frames[0], session)
    assert captures.protocol.decode(frames[0], captures.context(capture)) == captures.decode(
        capture
    )
