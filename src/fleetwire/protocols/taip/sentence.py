"""One TAIP sentence split into its parts: qualifier, message id, data, `;TAG=value`
extensions, the unit ID, the message number and the checked XOR.

Checksum: Trimble's appendix XORs every character from `>` up to and including `*`; the
Argentine dated-report firmwares (captures with `;#<number>;*XX`) leave the `*` out. Either
sum is accepted: both are real firmware; a sentence matching neither is corrupt. Knows nothing
about the layouts of the data (layouts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fleetwire.errors import ChecksumError, InvalidField
from fleetwire.protocols._binary import xor8

from .framing import open_sentence

_HEAD = re.compile(r"([A-Z])([A-Z]{2})")
_SUM = re.compile(r"\*([0-9A-Fa-f]{2})$")
_UNIT = re.compile(r"[0-9A-Za-z_-]{1,24}")
_STAR = 0x2A


@dataclass(frozen=True, slots=True)
class Sentence:
    qualifier: str  # R: report or answer; Q, S, F, D: server -> device
    message: str  # the two-letter message id (PV, EV, GP, ...)
    data: str  # the fixed-width data after the id
    tags: dict[str, str] = field(default_factory=dict)  # `;TAG=value` extensions but ID
    unit: str | None = None  # `;ID=`
    number: str | None = None  # `;#<number>` (echoed in the acknowledgement)


def _check_sum(text: str, star: int, written: str) -> None:
    raw = b">" + text[: star + 1].encode("ascii")
    with_star = xor8(raw)
    if int(written, 16) not in (with_star, with_star ^ _STAR):
        raise ChecksumError(f"TAIP checksum {written}, computed {with_star:02X}")


def parse(frame: bytes) -> Sentence:
    text = open_sentence(frame)
    m = _SUM.search(text)
    if m is not None:
        _check_sum(text, m.start(), m.group(1))
        text = text[: m.start()].rstrip(";")
    head = _HEAD.match(text)
    if head is None:
        raise InvalidField(f"bad TAIP message id {text[:8]!r}")
    parts = text.split(";")
    tags: dict[str, str] = {}
    unit = number = None
    for part in parts[1:]:
        if part.startswith("ID="):
            unit = part[3:]
            if _UNIT.fullmatch(unit) is None:
                raise InvalidField(f"bad TAIP unit id {unit[:24]!r}")
        elif part.startswith("#"):
            number = part[1:]
        elif "=" in part:
            key, _, value = part.partition("=")
            tags[key] = value
    return Sentence(head.group(1), head.group(2), parts[0][3:], tags, unit, number)


def acknowledgement(number: str, unit: str) -> bytes:
    """`>ACK;#<number>;ID=<unit>;*XX<`, the reply a report with a message number waits for
    (Rinho's documentation: `>ACK;#0021;ID=1234;*72<`, checksum with the `*`)."""
    return with_checksum(f">ACK;#{number};ID={unit};")


def with_checksum(sentence: str) -> bytes:
    """``sentence`` (from `>` up to its last `;`) closed by `*XX<`, Trimble's sum."""
    raw = (sentence + "*").encode("ascii")
    return raw + f"{xor8(raw):02X}<".encode("ascii")
