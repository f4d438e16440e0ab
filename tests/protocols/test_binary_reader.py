"""The bounds-checked reader's counted groups: a count, then that many fixed-size items, and
the device's TruncatedFrame (never IndexError or struct.error) when either is cut short."""

from __future__ import annotations

import struct

import pytest

from fleetwire.errors import TruncatedFrame
from fleetwire.protocols._binary import Reader

_COUNT = struct.Struct(">H")
_ITEM = struct.Struct(">HB")


def test_counted_reads_the_items_and_moves_past_them() -> None:
    r = Reader(b"\xff" + _COUNT.pack(2) + _ITEM.pack(239, 1) + _ITEM.pack(66, 7) + b"\x09", 1)
    assert list(r.counted(_COUNT, _ITEM)) == [(239, 1), (66, 7)]
    assert r.u8() == 9 and r.remaining == 0


def test_counted_zero_items() -> None:
    r = Reader(_COUNT.pack(0))
    assert list(r.counted(_COUNT, _ITEM)) == []
    assert r.remaining == 0


@pytest.mark.parametrize("data", [b"\x00", _COUNT.pack(2) + _ITEM.pack(1, 1) + b"\x00\x02"])
def test_counted_cut_short_is_the_devices_fault(data: bytes) -> None:
    r = Reader(data)
    with pytest.raises(TruncatedFrame):
        r.counted(_COUNT, _ITEM)
    assert r.pos == 0  # nothing consumed by a failed read


def test_counted_stops_at_the_readers_end_not_the_buffers() -> None:
    data = _COUNT.pack(1) + _ITEM.pack(1, 1)
    with pytest.raises(TruncatedFrame):
        Reader(data, 0, len(data) - 1).counted(_COUNT, _ITEM)
