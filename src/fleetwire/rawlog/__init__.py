"""The raw log: every frame as received, the system of record (DESIGN.md, "raw log")."""

from fleetwire.rawlog.base import RawEntry, RawFrame

__all__ = ["RawEntry", "RawFrame"]
