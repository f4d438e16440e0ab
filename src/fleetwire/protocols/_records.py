"""Record kinds every decoder shares: a record that raised alarms is an event (its alarms,
once each, in the ``alarm`` attribute), one with coordinates a position, any other a status."""

from __future__ import annotations

from collections.abc import Iterable

from fleetwire.model import Attributes, RecordKind


def classify(attributes: Attributes, alarms: Iterable[str], positioned: bool) -> RecordKind:
    """The kind of a record; sets ``attributes["alarm"]`` when there are alarms."""
    unique = ",".join(dict.fromkeys(alarms))
    if unique:
        attributes["alarm"] = unique
        return RecordKind.EVENT
    return RecordKind.POSITION if positioned else RecordKind.STATUS
