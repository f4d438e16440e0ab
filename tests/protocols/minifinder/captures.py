"""Real MiniFinder text messages, what Fleetwire reads in each, and what a mature decoder reads.

Every message (captures.jsonl, one JSON object a line) is a real device message from
traccar/traccar src/test/java/org/traccar/protocol/MiniFinderProtocolDecoderTest.java (used as
data only), in that file's order, with the `;` that ends each message on the wire put back (the
reference test feeds messages its framer has already split at `;`).
``expect`` is what Fleetwire decodes (kind, fix time, position and the fields the message exists
to carry; each value read off the message by hand); ``reference`` is that test's own verdict:
"null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every message where the two disagree, so that
`python -m tests.protocols.minifinder.captures` prints how many real messages decode right and
a test notices when that changes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext
from tests.protocols.contract import NOW

Reference = str | tuple[str, str, object]
SOURCE = "traccar MiniFinderProtocolDecoderTest"


class C(NamedTuple):
    text: str
    expect: dict[str, object]  # {} no record; {"error": reason} rejected with that reason
    reference: Reference
    source: str

    @property
    def frame(self) -> bytes:
        return self.text.encode("ascii")


def _load() -> list[C]:
    out = []
    with (Path(__file__).parent / "captures.jsonl").open() as f:
        for line in f:
            item = json.loads(line)
            ref = item["reference"]
            ref = ref if isinstance(ref, str) else tuple(ref)
            out.append(C(item["text"], item["expect"], ref, item.get("source", SOURCE)))
    return out


CAPTURES: list[C] = _load()
DIFFERENCES: dict[int, str] = {}

PROTOCOL = get("minifinder")
CTX = DecodeContext(unique_id="867273023933661", received=NOW)


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


def disagreements() -> dict[int, str]:
    """Index -> message type of every capture Fleetwire reads otherwise than the reference."""
    return {i: c.text[:2] for i, c in enumerate(CAPTURES) if not agrees(decode(c), c.reference)}


def main() -> None:
    wrong = disagreements()
    total = len(CAPTURES)
    right = total - len(wrong)
    print(f"minifinder: {right} of {total} real messages read as the reference decoder")
    print(f"            ({right / total:.1%}); by message type: ", end="")
    print(", ".join(f"{k} {n}" for k, n in sorted(Counter(c.text[:2] for c in CAPTURES).items())))
    for i in sorted(wrong):
        print(f"  #{i} {wrong[i]}: {DIFFERENCES.get(i, 'UNEXPLAINED')}")


if __name__ == "__main__":
    main()
