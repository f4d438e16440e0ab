"""V680 framing: a report runs from '#' to the `##` that follows its last fix's time. `##` also
appears early when the user field is empty (`#<IMEI>##<state>#...`), so an end is only taken
after a coordinate group and its date and time, or after a whole header whose fix count is 0;
a CR or LF ends a report sent without `##`.
Opening a report into its header and fix groups. Knows nothing about what a field means."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from fleetwire.errors import FramingError, InvalidField
from fleetwire.protocols._binary import Buffer
from fleetwire.protocols._text import ascii_text
from fleetwire.protocols.base import NEED_MORE

from .constants import HEADER_FIELDS, INVALID, LINE_ENDS, MAX_FRAME_SIZE, MAX_ID, MIN_ID, START

# a coordinate group and the date and time fields after it, up to where the report may end
_FIX_END: Final = re.compile(rb"[EW],[0-9.]*,[NS],[^#]*#[0-9]*#[0-9.]*$")
_COORDS: Final = re.compile(r"[0-9.]+,[EW],[0-9.]+,[NS],.*")
# or a whole header that announces no fix (count 0)
_EMPTY_END: Final = re.compile(rb"#[^#]*#[^#]*#[^#]*#[^#]*#[^#]*#0+$")


def frame_length(buf: Buffer) -> int:
    """Sign-coded length of the next report (see base.NEED_MORE)."""
    n = len(buf)
    if n == 0:
        return NEED_MORE
    window = bytes(buf[: min(n, MAX_FRAME_SIZE + 1)])
    if window[0] != START:
        i = window.find(b"#", 1)
        return -(i if i > 0 else len(window))
    for i in range(1, len(window)):
        b = window[i]
        if b in LINE_ENDS:
            return i + 1
        if b < 0x20 or b > 0x7E:
            return -i
        if b == START and window[i - 1] == START and _ends(window, i - 1):
            return i + 1
    return NEED_MORE  # the framer's size cap bounds the wait


def _ends(window: bytes, at: int) -> bool:
    """Whether the `##` at ``at`` closes the report: it follows a fix, or a header of no fix."""
    return bool(_FIX_END.search(window, 0, at) or _EMPTY_END.fullmatch(window, 0, at))


@dataclass(slots=True, frozen=True)
class Fix:
    cells: tuple[str, ...]
    valid: bool
    coords: str  # lon,E|W,lat,N|S,speed,course
    date: str
    time: str


@dataclass(slots=True, frozen=True)
class Report:
    imei: str  # empty in a report cut after `#<IMEI>##`
    header: tuple[str, ...]  # state, password, type, count (whatever of them is present)
    fixes: tuple[Fix, ...]


def open_report(frame: bytes) -> Report:
    """A whole report, with or without its end, or the part of one after `#<IMEI>##`."""
    text = ascii_text(frame.rstrip(b"\r\n"))
    if text.endswith("##"):
        text = text[:-2]
    if not text or not text.isprintable():
        raise InvalidField("empty report or control byte inside")
    if text[0] == chr(START):
        fields = text[1:].split("#")
        imei, head_size = fields[0], HEADER_FIELDS
        if not (imei.isdigit() and MIN_ID <= len(imei) <= MAX_ID):
            raise InvalidField(f"identity {imei!r}")
    elif text[0].isdigit():
        fields = ["", *text.split("#")]  # a report whose `#<IMEI>#` came before `##`
        imei, head_size = "", HEADER_FIELDS - 1
    else:
        raise FramingError(f"not a V680 report: {text[:20]!r}")
    return Report(imei, tuple(fields[2:head_size]), _fixes(fields[head_size:]))


def _fixes(fields: list[str]) -> tuple[Fix, ...]:
    out = []
    pending: list[str] = []
    i = 0
    while i < len(fields):
        f = fields[i]
        if _COORDS.fullmatch(f):
            if i + 2 >= len(fields):
                raise InvalidField(f"fix without its date and time: {f!r}")
            valid = INVALID not in pending
            cells = tuple(p for p in pending if p and p != INVALID)
            out.append(Fix(cells, valid, f, fields[i + 1], fields[i + 2]))
            pending = []
            i += 3
        else:
            pending.append(f)
            i += 1
    return tuple(out)
