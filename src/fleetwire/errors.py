"""The one exception hierarchy, split by blame.

DeviceError: the bytes a device sent are wrong (framing, truncation, checksum, field values).
OurError: we cannot do what was asked (encoding a command, configuration).
Anything else escaping a protocol module is a bug; the fuzz tests exist to find it.
"""

from __future__ import annotations


class FleetwireError(Exception):
    """Base of every error Fleetwire raises on purpose."""


class DeviceError(FleetwireError):
    """The device's fault. ``reason`` is a short stable label used in metrics; ``reply`` is the
    protocol's own refusal (an HTTP 400, Wialon's "#AD#16"), sent at once so the device knows
    to resend or give up; empty when the protocol has none."""

    reason = "invalid"

    def __init__(self, message: str = "", *, reply: bytes = b"") -> None:
        super().__init__(message)
        self.reply = reply


class FramingError(DeviceError):
    reason = "framing"


class FrameTooLarge(FramingError):
    reason = "oversized"


class TruncatedFrame(DeviceError):
    reason = "truncated"


class ChecksumError(DeviceError):
    reason = "checksum"


class InvalidField(DeviceError):
    reason = "invalid_field"


class OurError(FleetwireError):
    """Our side cannot do what was asked."""


class EncodeError(OurError):
    pass


class UnsupportedCommand(EncodeError):
    pass


class ConfigError(OurError):
    pass
