"""Operator tools built on the protocol modules (decode, replay)."""
