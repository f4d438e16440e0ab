"""Sending one email through the SMTP server of the settings (outbox.notify.smtp_*): shared by the
notification channel (worker/outbox/mail.py) and password reset (api/password.py), so both go
through the same server with the same credentials. Knows nothing of what the mail says."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib

from fleetwire.config import NotifySettings

# what a failed send raises: the server refused, or could not be reached
MAIL_ERRORS = (aiosmtplib.SMTPException, OSError)


def mail_configured(s: NotifySettings) -> bool:
    """Email can be sent: the mail channel is on and names an SMTP host (an empty smtp_host is
    how a deployment says it has none)."""
    return "mail" in s.channels and bool(s.smtp_host)


async def send_mail(s: NotifySettings, message: EmailMessage, timeout: float = 10.0) -> None:
    """Hand ``message`` to the SMTP server; raises one of MAIL_ERRORS when that fails."""
    await aiosmtplib.send(
        message, hostname=s.smtp_host, port=s.smtp_port, username=s.smtp_user or None,
        password=s.smtp_password or None, start_tls=s.smtp_starttls, timeout=timeout,
    )  # fmt: skip
