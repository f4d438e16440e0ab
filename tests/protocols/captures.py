"""Real device messages of one protocol, what Fleetwire reads in each, and what a mature decoder
reads: the harness every protocol's ``captures.py`` builds on.

A protocol keeps its real captures in ``tests/protocols/<name>/captures.jsonl``, one JSON object
a line:

- ``hex``: the bytes the device sent;
- ``expect``: what Fleetwire decodes. ``{}`` no record; ``{"error": reason}`` refused with that
  reason (``DeviceError.reason``); otherwise the fields carrying the message's meaning: ``kind``,
  ``time`` (``%Y-%m-%d %H:%M:%S`` UTC), ``lat``, ``lon``, ``altitude``, ``satellites``, ``speed``,
  ``course`` and any attribute by its name in shared/attributes.md, all of the first record;
  ``records`` (optional) the number of records the frame gives when that is not 1;
- ``reference``: the reference decoder's own verdict on the frame, as its published test states
  it: "null" (no record), "record", "position", or ["attr", key, value];
- ``source`` (optional, else the set's default): where the frame comes from;
- ``options`` (optional): decode options the source set (a model override, say).

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

Reference = str | tuple[str, str, object]
Result = list[Record] | DeviceError


@dataclass(frozen=True)
class Capture:
    hex: str
    expect: dict[str, object]
    reference: Reference
    source: str
    options: dict[str, object] = field(default_factory=dict)

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
                Capture(item["hex"], item["expect"], ref, item.get("source", default_source),
                        item.get("options", {}))
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
    if key in ("altitude", "satellites", "speed", "course"):
        return getattr(rec, key)
    return rec.attributes.get(key)


def same(got: object, want: object) -> bool:
    if isinstance(want, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, want, abs_tol=1e-5)
    return got == want


def agrees(result: Result, reference: Reference) -> bool:
    """Whether Fleetwire's result says what the reference decoder's verdict says."""
    records = [] if isinstance(result, DeviceError) else result
    if reference == "null":
        return not records
    if reference == "record":
        return bool(records)
    if reference == "position":
        return any(r.has_position for r in records)
    assert isinstance(reference, tuple), reference
    _, key, want = reference
    return any(same(value_of(r, key), want) for r in records)


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
    captures: list[Capture] = field(init=False)

    def __post_init__(self) -> None:
        self.captures = load(self.path, self.default_source)

    @property
    def protocol(self) -> TrackerProtocol:
        return get(self.protocol_name)

    def context(self, capture: Capture) -> DecodeContext:
        return DecodeContext(unique_id=self.unique_id, received=NOW, transport=self.transport,
                             options=dict(capture.options))  # fmt: skip

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
            if not agrees(self.decode(c), c.reference)
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


def check_capture(captures: CaptureSet, capture: Capture) -> None:
    """The capture decodes to exactly the values written down for it and passes the record
    sanity check; no field beyond them is set among kind, time, position and altitude."""
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
    assert len(result) == int(expect.pop("records", 1))  # type: ignore[call-overload]
    decode_sane(captures.protocol, capture.frame, captures.context(capture))
    rec = result[0]
    for key, want in expect.items():
        got = value_of(rec, key)
        if rec.attributes.get(key, ...) is ... and key not in _CORE and key not in _MODEL:
            got = "<missing>"
        assert same(got, want), f"{key}: {got!r} != {want!r}"
    unexpected = {k for k in _CORE if value_of(rec, k) is not None} - set(expect)
    assert not unexpected, f"fields set that the capture does not list: {unexpected}"


_CORE = ("kind", "time", "lat", "lon", "altitude")
_MODEL = ("satellites", "speed", "course")


def whole(captures: CaptureSet) -> list[Capture]:
    """The captures that are whole, sound frames (a truncated or corrupt capture is the framer's
    and inspect's to refuse, rightly: its decode test checks that refusal)."""
    return [c for c in captures.captures if c.expect.get("error") not in ("truncated", "checksum")]


def check_framed(captures: CaptureSet, capture: Capture) -> None:
    """The frame leaves the framer whole and inspect() does not fail on it."""
    frame = capture.frame
    assert framer(captures.protocol).feed(frame) == [frame]
    session = Session()
    session.received_us = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)
    captures.protocol.inspect(frame, session)


def capture_tests(
    captures: CaptureSet, count: int, id_bytes: int = 28
) -> tuple[Callable[[Capture], None], Callable[[Capture], None], Callable[[], None]]:
    """The three tests every protocol's test_captures.py runs, for a module to bind:
    ``test_capture_decodes_to_its_values, test_capture_is_framed_and_kept,
    test_disagreements_with_the_reference_are_the_explained_ones = capture_tests(...)``:
    each capture decodes to its values; each whole one is framed and inspected; the captures
    where Fleetwire and the reference disagree are exactly the explained ones, of ``count``."""

    def name(c: Capture) -> str:
        return c.frame[:id_bytes].decode("latin-1")

    @pytest.mark.parametrize("capture", captures.captures, ids=name)
    def decodes(capture: Capture) -> None:
        check_capture(captures, capture)

    @pytest.mark.parametrize("capture", whole(captures), ids=name)
    def framed(capture: Capture) -> None:
        check_framed(captures, capture)

    def explained() -> None:
        assert set(captures.disagreements()) == set(captures.differences)
        assert len(captures.captures) == count

    return decodes, framed, explained
