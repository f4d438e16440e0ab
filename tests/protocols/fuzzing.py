"""The fuzz scaffolding every protocol's test_fuzz.py shares (STYLE.md, Tests).

It owns the Hypothesis settings of a fuzz test (``FUZZ``: example counts come from the project
profiles in tests/conftest.py), the byte strategies (``random_bytes``, and ``mutations`` of real
frames: flipped or replaced bytes, truncation, extension with random bytes), the checks a
fuzz test makes on a frame it built (``assert_clean``: parsed or the clean error, and every
record sane; ``feed_in_chunks``), and the tests most
protocols run the same way, made per protocol by ``random_bytes_test``, ``behind_heads_test``,
``mutated_frames_test`` and ``stream_test``. What is particular to a protocol (its envelopes,
decoder tables, field alphabets) stays in that protocol's test_fuzz.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from fleetwire.errors import DeviceError
from fleetwire.protocols.base import DecodeContext, Session, TrackerProtocol, Transport
from tests.protocols.contract import FAR, assert_clean_on_any, assert_sane, framer

# No max_examples: the profiles in tests/conftest.py set them (dev 100, ci 400).
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
TCP = (Transport.TCP,)
TCP_UDP = (Transport.TCP, Transport.UDP)
MAX_EDITS = 4
MAX_EXTENSION = 16


def random_bytes(max_size: int, min_size: int = 0) -> SearchStrategy[bytes]:
    return st.binary(min_size=min_size, max_size=max_size)


def mutations(frames: Sequence[bytes], alphabet: bytes = b"") -> SearchStrategy[bytes]:
    """A real frame with up to four bytes changed, then cut anywhere and extended by up to 16
    random bytes. A change flips bits, or (given an ``alphabet``, half the time) puts in one of
    the protocol's meaningful bytes, e.g. b",.-$:0123456789" for a text protocol."""
    real = st.sampled_from(list(frames))
    edit: SearchStrategy[tuple[bool, int]] = st.tuples(st.just(False), st.integers(1, 255))
    if alphabet:
        edit = edit | st.tuples(st.just(True), st.sampled_from(alphabet))

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        frame = bytearray(draw(real))
        for _ in range(draw(st.integers(0, MAX_EDITS)) if frame else 0):
            i = draw(st.integers(0, len(frame) - 1))
            replace, value = draw(edit)
            frame[i] = value if replace else frame[i] ^ value
        cut = draw(st.integers(0, len(frame)))
        return bytes(frame[:cut]) + draw(st.binary(max_size=MAX_EXTENSION))

    return mutated()


def assert_clean(
    protocol: TrackerProtocol, frame: bytes, ctx: DecodeContext, now: datetime = FAR
) -> None:
    """Inspect, then decode: each parses or raises the protocol's DeviceError, nothing else,
    and every record decoded passes the sanity check against ``now`` (by default ``FAR``:
    devices may send any date 2000-2099)."""
    with contextlib.suppress(DeviceError):
        protocol.inspect(frame, Session(transport=ctx.transport))
    with contextlib.suppress(DeviceError):
        for r in protocol.decode(frame, ctx):
            assert_sane(r, now)


def feed_in_chunks(protocol: TrackerProtocol, stream: bytes, chunk: int) -> list[bytes]:
    """The frames one framer gives for ``stream`` read ``chunk`` bytes at a time."""
    fr = framer(protocol)
    got: list[bytes] = []
    for i in range(0, len(stream), chunk):
        got += fr.feed(stream[i : i + chunk])
    return got


def _named(test: Callable[..., None], protocol: TrackerProtocol, name: str, doc: str) -> None:
    test.__name__ = test.__qualname__ = name
    test.__doc__ = doc
    # The tests share their source, so they would share one key in Hypothesis's example
    # database; the digest it adds (as for pytest parametrize cases) keeps them apart.
    test._hypothesis_internal_add_digest = f"{protocol.name}.{name}".encode()  # type: ignore[attr-defined]


def _clean_on(protocol: TrackerProtocol, transports: Sequence[Transport]) -> Callable[..., None]:
    def test(data: bytes) -> None:
        for transport in transports:
            assert_clean_on_any(protocol, data, transport)

    return test


def random_bytes_test(
    protocol: TrackerProtocol, max_size: int, transports: Sequence[Transport] = TCP
) -> Callable[..., None]:
    """``test_random_bytes``: any bytes up to ``max_size``, on every one of ``transports``."""
    test = _clean_on(protocol, transports)
    _named(test, protocol, "test_random_bytes", "Any bytes parse or raise the DeviceError.")
    return FUZZ(given(random_bytes(max_size))(test))


def mutated_frames_test(
    protocol: TrackerProtocol,
    frames: Sequence[bytes],
    alphabet: bytes = b"",
    transports: Sequence[Transport] = TCP,
) -> Callable[..., None]:
    """The test of ``mutations(frames, alphabet)`` on every one of ``transports``."""
    test = _clean_on(protocol, transports)
    doc = "Real frames flipped, truncated and extended parse or raise the DeviceError."
    _named(test, protocol, "test_mutated_real_frames", doc)
    return FUZZ(given(mutations(frames, alphabet))(test))


def behind_heads_test(
    protocol: TrackerProtocol,
    heads: Sequence[bytes],
    transport: Transport,
    max_size: int = 64,
    tail: bytes = b"",
) -> Callable[..., None]:
    """Any bytes up to ``max_size`` behind one of the real ``heads`` (and before ``tail``), so
    that they get past a protocol's first checks, on ``transport``."""
    picked = st.sampled_from(list(heads))

    def test(data: bytes, head: bytes) -> None:
        assert_clean_on_any(protocol, head + data + tail, transport)

    _named(test, protocol, "test_random_bytes_behind_a_header", behind_heads_test.__doc__ or "")
    return FUZZ(given(random_bytes(max_size), picked)(test))


def stream_test(
    protocol: TrackerProtocol,
    frames: Sequence[bytes],
    garbage: SearchStrategy[bytes],
    *,
    max_frames: int = 5,
    max_chunk: int = 50,
    lead: Sequence[bytes] = (),
) -> Callable[..., None]:
    """Up to ``max_frames`` real frames (after the ``lead`` ones) behind ``garbage`` that holds
    no possible start, read in chunks of any size up to ``max_chunk``: the garbage is skipped
    and every frame comes out whole."""

    def test(picked: list[bytes], junk: bytes, chunk: int) -> None:
        expected = [*lead, *picked]
        assert feed_in_chunks(protocol, junk + b"".join(expected), chunk) == expected

    _named(test, protocol, "test_stream_of_frames_behind_garbage", stream_test.__doc__ or "")
    picked = st.lists(st.sampled_from(list(frames)), min_size=1, max_size=max_frames)
    return FUZZ(given(picked, garbage, st.integers(1, max_chunk))(test))


__all__ = [
    "FAR",
    "FUZZ",
    "TCP",
    "TCP_UDP",
    "assert_clean",
    "behind_heads_test",
    "feed_in_chunks",
    "mutated_frames_test",
    "mutations",
    "random_bytes",
    "random_bytes_test",
    "stream_test",
]
