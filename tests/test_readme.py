"""The README stays true: its protocol table is what the registry says."""

from __future__ import annotations

from pathlib import Path

from fleetwire.tools.protocol_table import BEGIN, END, render

README = Path(__file__).parent.parent / "README.md"


def test_protocol_table_is_current() -> None:
    text = README.read_text()
    assert BEGIN in text and END in text
    assert render(text) == text, "run: python -m fleetwire.tools.protocol_table --write"


def test_quick_start_shows_the_two_commands() -> None:
    text = README.read_text()
    assert "make run" in text and "make test" in text
