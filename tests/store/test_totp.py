"""One-time passwords against RFC 6238's own test vectors (Appendix B, the SHA-1 rows: secret
"12345678901234567890"; 8-digit codes, whose last 6 digits are the 6-digit ones)."""

from __future__ import annotations

import base64

import pytest

from fleetwire.store import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("unix_s", "code"),
    [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
     (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130")],
)  # fmt: skip
def test_rfc6238_vectors(unix_s: int, code: str) -> None:
    assert totp.code_at(RFC_SECRET, unix_s, digits=8) == code
    assert totp.code_at(RFC_SECRET, unix_s) == code[-6:]


def test_verify_allows_one_step_of_drift_and_no_more() -> None:
    now = 1234567890.0
    assert totp.verify(RFC_SECRET, "005924", now)
    assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now - 30), now)
    assert totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now + 30), now)
    assert not totp.verify(RFC_SECRET, totp.code_at(RFC_SECRET, now - 90), now)
    assert not totp.verify(RFC_SECRET, "", now)


def test_secrets() -> None:
    s = totp.new_secret()
    assert len(s) == 32 and totp.valid_secret(s) and s != totp.new_secret()
    assert totp.valid_secret(s.lower()) and not totp.valid_secret("not base32!")
    assert not totp.valid_secret("AAAA")  # too short to be a secret
