"""Checks every protocol's command encoder shares: the text of a ``custom`` command and a
bounded integer attribute. Their failures are ours (EncodeError), never the device's."""

from __future__ import annotations

from fleetwire.errors import EncodeError
from fleetwire.model import Command


def custom_text(command: Command) -> str:
    """``attributes["data"]``: the device's own command text, as the operator typed it."""
    data = command.attributes.get("data")
    if not isinstance(data, str) or not data:
        raise EncodeError("custom command needs a non-empty string attribute 'data'")
    return data


def ascii_command(text: str, limit: int | None = None) -> bytes:
    """A command's text as the ASCII bytes the device reads, at most ``limit`` of them."""
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError as e:
        raise EncodeError(f"command text must be ASCII: {text!r}") from e
    if limit is not None and len(raw) > limit:
        raise EncodeError(f"command text of {len(raw)} bytes exceeds {limit}")
    return raw


def custom_ascii(command: Command) -> bytes:
    """``custom_text`` for a text protocol that sends it as it is: one printable ASCII line."""
    text = custom_text(command)
    if not text.isascii() or not text.isprintable():
        raise EncodeError(f"custom text must be printable ASCII, got {text[:40]!r}")
    return text.encode("ascii")


def int_attribute(command: Command, key: str, low: int, high: int) -> int:
    """An integer attribute within [low, high] (booleans are not integers here)."""
    value = command.attributes.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise EncodeError(f"{command.type} needs an integer {key!r} in {low}..{high}")
    return value


def printable_text(command: Command, max_length: int) -> str:
    """``custom_text`` that must also be printable ASCII of at most ``max_length`` characters
    (what goes down verbatim inside a protocol's own frame)."""
    text = custom_text(command)
    if not text.isascii() or not text.isprintable():
        raise EncodeError(f"command text must be printable ASCII: {text!r}")
    if len(text) > max_length:
        raise EncodeError(f"command text of {len(text)} characters is too long")
    return text
