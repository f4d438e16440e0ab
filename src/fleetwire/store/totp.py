"""Time-based one-time passwords (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits), the
codes authenticator apps show, for Traccar's per-user `totpKey` (a base32 secret). Written on
the standard library; a code of the step before or after is accepted for clock drift."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import time

STEP = 30  # seconds
DIGITS = 6


def new_secret() -> str:
    """A fresh secret, 160 random bits as RFC 4226 recommends, in base32 (32 characters)."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def _key(secret: str) -> bytes:
    text = secret.strip().replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def valid_secret(secret: str) -> bool:
    try:
        return len(_key(secret)) >= 10
    except (binascii.Error, ValueError):
        return False


def code_at(secret: str, unix_s: float, digits: int = DIGITS) -> str:
    mac = hmac.new(_key(secret), struct.pack(">Q", int(unix_s // STEP)), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F  # RFC 4226's dynamic truncation
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def verify(secret: str, code: str, now: float | None = None) -> bool:
    t = time.time() if now is None else now
    given = code.strip()
    return any(hmac.compare_digest(code_at(secret, t + k * STEP), given) for k in (-1, 0, 1))
