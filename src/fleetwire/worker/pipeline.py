"""Decode a batch of raw frames into store rows: the pure part of the worker.

Per frame: decode with the protocol module, turn each record into a row with a content hash
(the idempotency key), pick each device's newest plausible fix for ``latest``. A frame that does
not decode becomes a dead letter; the batch goes on. A record that fails the sanity check
(fleetwire.sanity) is never stored as a position: its frame gets a dead letter naming the
record, the field and the value, beside the frame's sane records. No I/O here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from fleetwire.errors import DeviceError
from fleetwire.model import Record, RecordKind
from fleetwire.protocols import get as get_protocol
from fleetwire.protocols.base import DecodeContext, Transport
from fleetwire.rawlog.base import SESSION, RawFrame
from fleetwire.sanity import sane_records
from fleetwire.store.telemetry import PositionRow

# attributes that differ between two sends of the same record (frame serial numbers), left out
# of the content hash so that a resend is recognised as the same record
VOLATILE_ATTRIBUTES = frozenset({"index", "serial"})


@dataclass(slots=True)
class BatchResult:
    positions: list[PositionRow] = field(default_factory=list)
    attrs: list[dict[str, Any]] = field(default_factory=list)  # each position's, for the logic
    latest: dict[int, PositionRow] = field(default_factory=dict)
    dead: list[tuple[int, int, str, str, int]] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)  # per protocol
    frames: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    replies: list[tuple[int, str, int]] = field(default_factory=list)  # device, result, seq
    invalid: dict[tuple[str, str], int] = field(default_factory=dict)  # (protocol, field)


def content_hash(record: Record, attributes_json: bytes) -> int:
    fixed = (
        f"{record.kind}|{record.valid}|{record.latitude}|{record.longitude}|{record.altitude}|"
        f"{record.speed}|{record.course}|{record.satellites}|".encode()
    )
    digest = hashlib.blake2b(fixed + attributes_json, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _attributes_json(attrs: dict[str, Any]) -> tuple[bytes, bytes]:
    """(JSON stored, JSON hashed): identical unless volatile keys are present."""
    stored = orjson.dumps(attrs, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    if VOLATILE_ATTRIBUTES.isdisjoint(attrs):
        return stored, stored
    stable = {k: v for k, v in attrs.items() if k not in VOLATILE_ATTRIBUTES}
    return stored, orjson.dumps(stable, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def to_row(device_id: int, record: Record, server_ms: int, frame_seq: int) -> PositionRow:
    stored, hashed = _attributes_json(record.attributes)
    return (
        device_id, str(record.kind), int(record.fix_time.timestamp() * 1000), server_ms,
        1 if record.valid else 0, record.latitude, record.longitude, record.altitude,
        record.speed, record.course, record.satellites, stored.decode(), frame_seq,
        content_hash(record, hashed),
    )  # fmt: skip


def process(
    frames: Sequence[RawFrame],
    unique_ids: Callable[[int], str | None],
    options: Callable[[int, str], dict[str, Any]],
    future_skew_ms: int,
    now_ms: int,
    *,
    latest: bool = True,
) -> BatchResult:
    """``latest=False`` leaves ``BatchResult.latest`` empty: the business logic works out the
    latest positions itself, from the rows it keeps."""
    out = BatchResult()
    for f in frames:
        if f.transport == SESSION:
            continue  # a connection's session record: the business logic reads it, not a decoder
        name = f.protocol
        out.frames[name] = out.frames.get(name, 0) + 1
        server_ms = f.received_us // 1000
        try:
            proto = get_protocol(name)
            ctx = DecodeContext(
                unique_ids(f.device_id),
                datetime.fromtimestamp(f.received_us / 1e6, UTC),
                Transport(f.transport),
                options(f.device_id, name),
                f.context,
            )
            decoded = proto.decode(f.data, ctx)
            records, refused = sane_records(decoded, ctx.received)
            rows = [to_row(f.device_id, r, server_ms, f.seq) for r in records]
        except Exception as e:
            # DeviceError is the frame's fault; anything else is a decoder bug, which is exactly
            # what replay after a fix is for: keep the frame's seq and the error, go on
            out.errors[name] = out.errors.get(name, 0) + 1
            kind = "" if isinstance(e, DeviceError) else "bug "
            out.dead.append((f.seq, f.device_id, name, f"{kind}{type(e).__name__}: {e}", now_ms))
            continue
        if refused:
            for fld, _ in refused:
                out.invalid[name, fld] = out.invalid.get((name, fld), 0) + 1
            error = "InvalidRecord: " + "; ".join(reason for _, reason in refused)
            out.dead.append((f.seq, f.device_id, name, error, now_ms))
        out.records[name] = out.records.get(name, 0) + len(rows)
        out.positions.extend(rows)
        for r in records:
            out.attrs.append(r.attributes)
            result = r.attributes.get("result")
            if r.kind is RecordKind.STATUS and isinstance(result, str):
                out.replies.append((f.device_id, result, f.seq))
    if latest:
        out.latest = latest_of(out.positions, future_skew_ms)
    return out


def latest_of(rows: Sequence[PositionRow], future_skew_ms: int) -> dict[int, PositionRow]:
    """Each device's newest plausible fix among ``rows`` (the first of a tie)."""
    latest: dict[int, PositionRow] = {}
    for row in rows:
        fix_ms, server_ms, valid, lat, lon = row[2], row[3], row[4], row[5], row[6]
        if lat is None or (not valid and not lat and not lon):
            continue  # no position: an invalid (0, 0) must not move the vehicle to the sea
        if fix_ms > server_ms + future_skew_ms:
            continue  # a broken clock: kept in history, never "latest"
        cur = latest.get(row[0])
        if cur is None or fix_ms > cur[2]:
            latest[row[0]] = row
    return latest
