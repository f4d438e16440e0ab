"""The gateway's last check on a device id a protocol read (gateway/identity.py): every
protocol's own checks come first, this one stands behind all of them, new ones included."""

from __future__ import annotations

import pytest

from fleetwire.gateway.identity import MAX_ID, refusal


@pytest.mark.parametrize(
    "uid",
    ["356307042441013", "89701010050645123456", "0123456789",
     "a1b2c3d4-e5f6-4789-9abc-def012345678", "Truck 17", "7" * MAX_ID],
)  # fmt: skip
def test_ids_devices_have_pass(uid: str) -> None:
    assert refusal(uid) is None


@pytest.mark.parametrize(
    ("uid", "why"),
    [("", "empty"), ("7" * (MAX_ID + 1), "65 characters"), ("3563\x0104\x02", "unprintable"),
     ("356307042441013\n", "unprintable"), (" 356307042441013", "blank")],
)  # fmt: skip
def test_ids_no_device_has_are_refused(uid: str, why: str) -> None:
    got = refusal(uid)
    assert got is not None and why in got
