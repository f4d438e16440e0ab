"""Real MiniFinder binary (minifinder2) messages, what Fleetwire reads in each, and what a mature
decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture from traccar/traccar
src/test/java/org/traccar/protocol/Minifinder2ProtocolDecoderTest.java (used as data only), in
that file's order; two of its frames (29 records from 0x180104.., 20 records from 0xab18ba03..)
are not here yet. ``expect`` is what Fleetwire decodes (record and position counts, the first
record's kind and time, the first fix, the attributes the message exists to carry; the values
of vectors.py's frames are checked field by field in test_decode.py); ``reference`` is that
test's own verdict: "record", "position" (a record: the reference's position() does not demand
a fix), ("count", n) records, or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.minifinder2.captures` prints how many real messages decode right and
a test notices when that changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from fleetwire.errors import DeviceError
from fleetwire.model import Record
from fleetwire.protocols import get
from fleetwire.protocols.base import DecodeContext
from tests.protocols.contract import NOW

Reference = str | tuple[str, str, object] | tuple[str, int]
SOURCE = "traccar Minifinder2ProtocolDecoderTest"


class C(NamedTuple):
    hex: str
    expect: dict[str, object]  # {"error": reason}: rejected with that reason
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
            out.append(C(item["hex"], item["expect"], ref, item.get("source", SOURCE)))
    return out


CAPTURES: list[C] = _load()

_NAME = "an attribute of the pet/configuration models with no name in attributes.md; kept raw"
DIFFERENCES: dict[int, str] = {
    0: "the 'Place1' frame was edited after capture: its CRC does not match (checksum error)",
    6: "counter keys (0x37) carry their own time and start a record here (90); the reference"
    " folds them into the general-data records (78); no document says which",
    7: "configuration read (type 02) gives no record; the reference reads number1Flag from it",
    8: "counter 0x37 kept as io55 = 12; the reference names it barkCount: " + _NAME,
    10: "system control answer (type 04) gives no record; the reference reads 'test' as a result",
    11: "alarm bit 31 (bark, pet models) stays in the raw event word: " + _NAME,
}

PROTOCOL = get("minifinder2")
CTX = DecodeContext(unique_id="862771076878340", received=NOW)


def decode(capture: C) -> list[Record] | DeviceError:
    try:
        return PROTOCOL.decode(capture.frame, CTX)
    except DeviceError as e:
        return e


def agrees(result: list[Record] | DeviceError, reference: Reference) -> bool:
    records = [] if isinstance(result, DeviceError) else result
    if reference in ("record", "position"):
        return bool(records)
    assert isinstance(reference, tuple)
    if reference[0] == "count":
        return len(records) == reference[1]
    _, key, want = reference
    return bool(records) and records[0].attributes.get(str(key)) == want


def disagreements() -> dict[int, str]:
    return {
        i: f"{c.frame[8]:02x}" for i, c in enumerate(CAPTURES) if not agrees(decode(c), c.reference)
    }


def main() -> None:
    wrong = disagreements()
    total = len(CAPTURES)
    right = total - len(wrong)
    print(f"minifinder2: {right} of {total} real messages read as the reference decoder")
    print(f"             ({right / total:.1%}); differing:")
    for i in sorted(wrong):
        print(f"  #{i} type 0x{wrong[i]}: {DIFFERENCES.get(i, 'UNEXPLAINED')}")


if __name__ == "__main__":
    main()
