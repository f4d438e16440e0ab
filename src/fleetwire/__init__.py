"""Fleetwire: a raw-first GPS tracker platform (gateways, raw log, workers, API)."""

__version__ = "0.1.0"
