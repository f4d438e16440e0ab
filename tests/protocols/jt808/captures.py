"""Real JT/T 808 device messages, what Fleetwire reads in each, and what a mature decoder reads.

Every frame (captures.jsonl, one JSON object a line) is a real capture. The first 91 are those
of traccar/traccar src/test/java/org/traccar/protocol/HuabaoProtocolDecoderTest.java (frames
operators sent in over the years; used as data only), in that file's order and numbered from 0
("capture #N" in the decoder's comments). That test feeds its decoder frames whose escaping its
frame decoder has already undone, so the 7D/7E bytes inside them are escaped again here to give
the bytes a device sends (a frame the test holds escaped is kept as it is). The next 26 are the
frames its successor, Jt808ProtocolDecoderTest, added; then real captures from a pull request,
an issue report and the Huabao lock document, each naming its ``source``.

``expect`` is what Fleetwire decodes: ``{}`` no record, ``{"error": reason}`` refused with that
reason, else ``{"records": [...]}`` with every field of every record (kind, fix time, position,
speed, satellites and every attribute). ``reference`` is that test's own verdict on the frame:
"null" (no record), "record", "position", or ("attr", key, value). ``options`` are decode
options the reference test set (its model override).

``DIFFERENCES`` lists, with the reason, every frame where the two disagree, so that
`python -m tests.protocols.jt808.captures` prints how many real messages decode right and a
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
    expect: dict[str, object]
    reference: Reference
    options: dict[str, object]
    source: str

    @property
    def frame(self) -> bytes:
        return bytes.fromhex(self.hex)


PATH = Path(__file__).parent / "captures.jsonl"


def _load() -> list[C]:
    out = []
    with PATH.open() as f:
        for line in f:
            item = json.loads(line)
            ref = item["reference"]
            ref = ref if isinstance(ref, str) else tuple(ref)
            source = item.get("source", "traccar HuabaoProtocolDecoderTest")
            out.append(C(item["hex"], item["expect"], ref, item.get("options", {}), source))
    return out


CAPTURES: list[C] = _load()

_CHECK = "the frame's check code does not match: corrupt (the reference decoder does not check it)"
_REGISTER = "registration gives a status record (maker, model, terminal id, plate); none there"
_LOCK = (
    "Huabao/Jointech lock frame 0x5501/0x5502 (BCD date, time and coordinates after the phone): "
    "no document of its layout found; dead-lettered (InvalidField) for replay once there is"
)
_NO_DOC = "no document of this vendor layout found; the frame is kept and the rest decoded"
DIFFERENCES: dict[int, str] = {
    0: "vendor message 0x0FA0, no document found: dead-lettered for replay",
    1: "the capture ends without check code and 7E: not a whole frame",
    2: "the capture ends without check code and 7E: not a whole frame",
    25: _LOCK,
    26: _LOCK + "; its check code does not match either",
    27: _LOCK,
    28: "driverUniqueId there is a control byte and 7 digits from item 0x60; " + _NO_DOC,
    29: "lock2Battery from the lock item 0x63; " + _NO_DOC,
    32: "OBD report 0x0900/F0: position read; the trouble-code block: " + _NO_DOC,
    37: _LOCK,
    42: "temp3 from binary item 0xE6 (not the $OBD-RT line); " + _NO_DOC,
    43: "hard acceleration from the 21-byte item 0xFE; " + _NO_DOC,
    48: _REGISTER,
    53: "vendor accelerometer samples 0x2070, no document found: dead-lettered for replay",
    59: _LOCK,
    60: "not a JT/T 808 frame: the lock's ASCII '(...)' message on the same port",
    61: _LOCK,
    62: _LOCK,
    65: "battery inside the lock's '*M00,...' text item 0x33; " + _NO_DOC,
    75: _REGISTER,
    76: _REGISTER,
    77: _REGISTER,
    79: _CHECK,
    81: _REGISTER,
    85: "charge from the GL100/VL300 items 0xF1-0xF9; " + _NO_DOC,
    95: _REGISTER + " (2019 header)",
    99: "motion from word 00C5 of item 0xEB: two bits (23, 24) differ, which one is unknown",
    108: "battery from the JC371 item 0xE8 (decode option 'model'): " + _NO_DOC,
    111: _CHECK,
    112: _CHECK,
    114: "BLE tag list in transparent data 0x0900; " + _NO_DOC,
    115: "device temperature in transparent data 0x0900; " + _NO_DOC,
}

PROTOCOL = get("jt808")


def context(capture: C) -> DecodeContext:
    return DecodeContext(unique_id="12345678901", received=NOW, options=capture.options)


def decode(capture: C) -> list[Record] | DeviceError:
    try:
        return PROTOCOL.decode(capture.frame, context(capture))
    except DeviceError as e:
        return e


def fields(rec: Record) -> dict[str, object]:
    """Every value of a record, as captures.jsonl writes it down."""
    out: dict[str, object] = {"kind": rec.kind.value}
    if rec.fix_time != NOW:
        out["time"] = rec.fix_time.strftime("%Y-%m-%d %H:%M:%S")
    if rec.has_position:
        out["lat"], out["lon"], out["valid"] = rec.latitude, rec.longitude, rec.valid
    for key in ("altitude", "speed", "course", "satellites"):
        value = getattr(rec, key)
        if value is not None:
            out[key] = value
    out.update(rec.attributes)
    return out


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
    rec = records[0]
    got = rec.satellites if key == "satellites" else rec.attributes.get(key)
    if isinstance(want, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, want, abs_tol=1e-6)
    return got == want


def message_id(capture: C) -> str:
    frame = capture.frame
    return f"{frame[1]:02x}{frame[2]:02x}" if frame[:1] == b"\x7e" else "text"


def disagreements() -> dict[int, str]:
    """Index -> message id of every capture Fleetwire reads otherwise than the reference."""
    return {i: message_id(c) for i, c in enumerate(CAPTURES) if not agrees(decode(c), c.reference)}


def main() -> None:
    wrong = disagreements()
    total = len(CAPTURES)
    print(f"jt808: {total - len(wrong)} of {total} real messages read as the reference decoder")
    print(f"       ({(total - len(wrong)) / total:.1%}); differing, by message id:")
    for msg, n in sorted(Counter(wrong.values()).items()):
        print(f"  0x{msg}: {n}")
    for i in sorted(wrong):
        print(f"  #{i} 0x{wrong[i]}: {DIFFERENCES.get(i, 'UNEXPLAINED')}")


if __name__ == "__main__":
    main()
