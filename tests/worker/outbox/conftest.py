"""The seam's installed outbox is process-wide: no outbox test leaves one behind for others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fleetwire.worker import outbox_seam


@pytest.fixture(autouse=True)
def _uninstall() -> Iterator[None]:
    yield
    outbox_seam.install(None)
