"""Coverage-guided fuzzing of one protocol with atheris (libFuzzer for Python), beside
bench/fuzz.py's million random and mutated frames.

The protocol's package is instrumented, so libFuzzer keeps and mutates the inputs that reach new
branches of its framer, inspect and decode. It starts from the protocol's real frames (the
corpus bench/fuzz.py uses) and checks each input exactly as bench/fuzz.py does: any exception
other than the protocol's DeviceError family, or a decoded record that fails the sanity check,
is a crash, which libFuzzer reports with the input and stops.

    pip install 'atheris>=2.3'          # the "fuzz" extra
    python bench/fuzz_atheris.py teltonika -runs=200000
    python bench/fuzz_atheris.py calamp -max_total_time=60

Options after the protocol name go to libFuzzer (-runs, -max_total_time, -seed, ...).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

from fleetwire.errors import DeviceError
from fleetwire.protocols import NAMES
from fleetwire.protocols.base import Transport
from fleetwire.protocols.framing import Framer, frame_starts, start_pattern

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz import Harness, Tally, golden_frames


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in NAMES:
        sys.exit(f"usage: fuzz_atheris.py PROTOCOL [libFuzzer options]; one of {', '.join(NAMES)}")
    name = sys.argv[1]
    with atheris.instrument_imports(include=[f"fleetwire.protocols.{name}"]):
        harness = Harness(name)
    proto = harness.proto
    framing = proto.session_framing(harness._session(Transport.TCP))
    starts = start_pattern(frame_starts(framing))

    def one_input(data: bytes) -> None:
        t = Tally()
        fr = Framer(framing, proto.max_frame_size, starts)
        frames: list[bytes] = []
        try:
            frames += fr.feed(data)
            while fr.more:
                frames += fr.feed()
        except DeviceError:
            pass
        for frame in frames:
            harness.one(frame, Transport.TCP, t)
        if harness.udp:
            harness.one(data, Transport.UDP, t)

    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    for i, frame in enumerate(golden_frames(name)):
        (corpus / f"{i:04d}").write_bytes(frame)
    atheris.Setup([sys.argv[0], *sys.argv[2:], str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
