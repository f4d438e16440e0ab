"""Real TK103 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the first 71 are those of
traccar/traccar src/test/java/org/traccar/protocol/Tk103ProtocolDecoderTest.java (commit
660777989b: frames operators sent in over the years, the vendor document's alarm example among
them; used as data only), in that file's order; the rest come from operators' server logs and
device owners' posts in issues, each naming its ``source`` (their verdict: "position" where the
post shows a working fix, "null" for handshakes, as the reference test has it).
``expect`` is what Fleetwire decodes (the fields that carry the message's meaning: kind, fix time,
position, the attributes it exists to carry); ``reference`` is that test's own verdict on the
frame: "null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.tk103.captures` can print how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext
from tests.protocols.contract import NOW

Reference = str | tuple[str, str, object]


class C(NamedTuple):
    hex: str
    expect: dict[str, object]  # {} no record; {"error": reason} rejected with that reason
    reference: Reference
    source: str

    @property
    def frame(self) -> bytes:
        return bytes.fromhex(self.hex)


def _load() -> list[C]:
    out = []
    with (Path(__file__).parent / "captures.jsonl").open() as f:
        for line in f:
            item = json.loads(line)
            ref = item["reference"]
            ref = ref if isinstance(ref, str) else tuple(ref)
            source = item.get("source", "traccar Tk103ProtocolDecoderTest")
            out.append(C(item["hex"], item["expect"], ref, source))
    return out


CAPTURES: list[C] = _load()

_NO_FIX = (
    "no fix and zero coordinates: a record without a position here; the reference makes 0,0 one"
)
_BMS = (
    "BS50/BS51 battery-management block: no public layout to decode it from (the reference reads "
    "cell voltages and temperatures); kept in the raw log for replay"
)
DIFFERENCES: dict[int, str] = {
    0: _BMS,
    1: _BMS,
    12: "DW5B carries a serving cell, no coordinates: a status record with the cell here",
    15: _NO_FIX,
    30: "the vendor document's alarm example has the date 061830 (month 18): refused, not guessed",
    42: _NO_FIX,
    50: _NO_FIX,
}

PROTOCOL = get("tk103")
CTX = DecodeContext(unique_id="013612345678", received=NOW)


def decode(capture: C) -> list[Record] | DeviceError:
    try:
        return PROTOCOL.decode(capture.frame, CTX)
    except DeviceError as e:
        return e


def agrees(result: list[Record] | DeviceError, reference: Reference) -> bool:
    """Whether Fleetwire's result says what the reference decoder's verdict says."""
    records = [] if isinstance(result, DeviceError) else result
    if reference == "null":
        return not records
    if reference == "record":
        return bool(records)
    if reference == "position":
        return any(r.has_position for r in records)
    assert isinstance(reference, tuple)
    _, key, want = reference
    return bool(records) and records[0].attributes.get(key) == want


def message_type(capture: C) -> str:
    """The command word: `(<id>BR00...` or, comma layout, `(<id>,ZC07,...`."""
    text = capture.frame.decode("ascii", "replace")
    m = re.match(r"\(\w+?(?:,([0-9A-Z]{4})|([A-Z]{2}\d\d))", text)
    return (m.group(1) or m.group(2)) if m else "?"


def disagreements() -> dict[int, str]:
    """Index -> message type of every capture Fleetwire reads otherwise than the reference."""
    return {
        i: message_type(c) for i, c in enumerate(CAPTURES) if not agrees(decode(c), c.reference)
    }


def main() -> None:
    wrong = disagreements()
    total = len(CAPTURES)
    print(f"tk103: {total - len(wrong)} of {total} real messages read as the reference decoder")
    print(f"       ({(total - len(wrong)) / total:.1%}); differing, by message type:")
    for word, n in sorted(Counter(wrong.values()).items()):
        print(f"  {word}: {n}")
    for i in sorted(wrong):
        print(f"  #{i} {wrong[i]}: {DIFFERENCES.get(i, 'UNEXPLAINED')}")


if __name__ == "__main__":
    main()
