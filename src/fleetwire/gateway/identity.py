"""Whether a unique id a protocol read from a frame can be a device's: printable and at most
MAX_ID characters. A corrupt or mutated frame that still passes a weak check (no checksum, an
8-bit sum) can carry bytes no device has as its id; with registration of unknown devices on,
each such id would become a device in the registry. Such a frame is refused like any other
malformed one (logged with its hex, counted, kept as evidence)."""

from __future__ import annotations

from typing import Final

MAX_ID: Final = 64  # IMEIs are 15, ICCIDs 20, phone numbers up to 20; app ids (UUIDs) 36


def refusal(uid: str) -> str | None:
    """Why ``uid`` cannot be a device's id, or None when it can."""
    if not uid:
        return "an empty device id"
    if len(uid) > MAX_ID:
        return f"a device id of {len(uid)} characters (at most {MAX_ID})"
    if not uid.isprintable() or uid != uid.strip():
        return f"a device id with unprintable or surrounding blank characters: {uid!r}"
    return None
