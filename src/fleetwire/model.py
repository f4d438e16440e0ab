"""The decoded model shared by every protocol, the worker, the store and the API.

A Record is what a decoder produces from one frame: a position, an event or a status. Fixed
fields follow DESIGN.md; everything else goes in ``attributes`` with the names of
shared/attributes.md. Knows nothing about storage or sockets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

Attributes = dict[str, Any]


class RecordKind(StrEnum):
    POSITION = "position"  # carries a fix (valid or not) with coordinates
    STATUS = "status"  # heartbeat / status without coordinates (login, LBS-only, ...)
    EVENT = "event"  # an alarm or event; may carry coordinates


@dataclass(slots=True)
class Record:
    """One decoded record. ``latitude``/``longitude`` are None when the frame has no position."""

    fix_time: datetime
    kind: RecordKind = RecordKind.POSITION
    valid: bool = False
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    speed: float | None = None  # km/h, never knots
    course: float | None = None  # degrees from north
    satellites: int | None = None
    attributes: Attributes = field(default_factory=dict)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(slots=True, frozen=True)
class Command:
    """A command for a device: a type from the shared vocabulary plus its parameters."""

    type: str
    attributes: Attributes = field(default_factory=dict)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc_from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def to_ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)
