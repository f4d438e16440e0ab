"""Real GT06 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture: the first 170 are those
of traccar/traccar src/test/java/org/traccar/protocol/Gt06ProtocolDecoderTest.java (frames
operators sent in over the years, a few vendor-document examples among them; used as data only),
in that file's order; the rest come from operators' server logs posted in issues and pull
requests, each naming its ``source`` (for those the verdict is what the posted log shows, or
"record" for frames such a server reads without a line to show for it).
``expect`` is what Fleetwire decodes (the fields that carry the message's meaning: kind, fix time,
position, the attributes it exists to carry); ``reference`` is that test's own verdict on the
frame: "null" (no record), "record", "position", or ("attr", key, value).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.gt06.captures` can print how many real messages decode right and a
test notices when that changes.
"""

from __future__ import annotations

import json
import math
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
    options: dict[str, object]  # decode options: the model the reference test set
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
            source = item.get("source", "traccar Gt06ProtocolDecoderTest")
            out.append(C(item["hex"], item["expect"], ref, item.get("options", {}), source))
    return out


CAPTURES: list[C] = _load()

_CRC = "the frame's CRC does not match: corrupt (the reference decoder does not check CRCs)"
_LOGIN = "a login gives a status record here (the connection's start), none in the reference"
_CLOCK = "the reference reads the altitude from the CRC bytes; 687 m here, as the 0x31 frames say"
DIFFERENCES: dict[int, str] = {
    1: _LOGIN,
    17: _CLOCK,
    32: _CRC,
    33: _CRC,
    34: _CRC,
    38: "alarm code 0x0C is 'power on' in the JM-VL03 document; the reference says tampering",
    49: _CRC,
    67: "the capture lacks its final 0A byte: not a whole frame",
    111: _CRC,
    114: _LOGIN,
    134: _LOGIN,
    135: _LOGIN,
    140: _CRC + " (the vendor's own 0x12 example, shared/protocols.md 2.4)",
    148: _LOGIN,
    159: _CRC,
    160: _CRC,
    161: _CRC,
    162: _CRC,
    170: _LOGIN,
    177: _LOGIN,
    179: _LOGIN,
    187: _LOGIN,
}

PROTOCOL = get("gt06")
CTX = DecodeContext(unique_id="123456789012345", received=NOW)


def context(capture: C) -> DecodeContext:
    return DecodeContext(unique_id=CTX.unique_id, received=NOW, options=capture.options)


def decode(capture: C) -> list[Record] | DeviceError:
    try:
        return PROTOCOL.decode(capture.frame, context(capture))
    except DeviceError as e:
        return e


def _value(rec: Record, key: str) -> object:
    return rec.altitude if key == "altitude" else rec.attributes.get(key)


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
    if not records:
        return False
    got = _value(records[0], key)
    if isinstance(want, float) and isinstance(got, int | float):
        return math.isclose(got, want, abs_tol=1e-6)
    return got == want


def disagreements() -> dict[int, str]:
    """Index -> frame type of every capture Fleetwire reads otherwise than the reference."""
    out = {}
    for i, c in enumerate(CAPTURES):
        if not agrees(decode(c), c.reference):
            out[i] = f"{c.frame[3 if c.frame[0] == 0x78 else 4]:02x}"
    return out


def main() -> None:
    wrong = disagreements()
    total = len(CAPTURES)
    print(f"gt06: {total - len(wrong)} of {total} real messages read as the reference decoder")
    print(f"      ({(total - len(wrong)) / total:.1%}); differing, by message type:")
    for proto, n in sorted(Counter(wrong.values()).items()):
        print(f"  0x{proto}: {n}")
    for i in sorted(wrong):
        print(f"  #{i} 0x{wrong[i]}: {DIFFERENCES.get(i, 'UNEXPLAINED')}")


if __name__ == "__main__":
    main()
