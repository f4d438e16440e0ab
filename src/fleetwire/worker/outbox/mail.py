"""Email notifications over SMTP with aiosmtplib. The subject and text come from the payload;
the recipient is the user's email address. An address the server rejects is refused (it would
be rejected again); a server that cannot be reached is "try again"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.message import EmailMessage

import aiosmtplib
import orjson

from fleetwire.config import NotifySettings
from fleetwire.mailer import send_mail
from fleetwire.store.outbox import Message
from fleetwire.worker.outbox.delivery import DeliveryError


def compose(m: Message, sender: str, to: str) -> EmailMessage:
    body = orjson.loads(m.payload)
    event, device = body.get("event", {}), body.get("device", {})
    name = device.get("name") or device.get("uniqueId") or f"device {device.get('id')}"
    delayed = " (delayed)" if body.get("delayed") else ""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = f"{name}: {event.get('type')}{delayed}"
    msg["Message-ID"] = f"<{m.id}@fleetwire>"  # the idempotency key, as mail sees it
    msg["X-Fleetwire-Id"] = m.id
    lines = [f"{name}: {event.get('type')} at {event.get('eventTime')}{delayed}"]
    pos = body.get("position")
    if pos:
        lines.append(f"Position: {pos.get('latitude')}, {pos.get('longitude')}")
    if event.get("attributes"):
        lines.append(f"Details: {orjson.dumps(event['attributes']).decode()}")
    msg.set_content("\n".join(lines) + "\n")
    return msg


class Mail:
    def __init__(self, s: NotifySettings, email_of: Callable[[int], str | None]) -> None:
        self.s = s
        self.email_of = email_of

    async def deliver(self, messages: Sequence[Message]) -> None:
        for i, m in enumerate(messages):
            to = self.email_of(m.user_id or 0)
            if not to:
                raise DeliveryError(i, f"user {m.user_id} has no email address", refused=True)
            try:
                await send_mail(self.s, compose(m, self.s.smtp_from, to))
            except aiosmtplib.SMTPRecipientsRefused as e:
                raise DeliveryError(i, f"recipient refused: {e}", refused=True) from e
            except (aiosmtplib.SMTPException, OSError) as e:
                raise DeliveryError(i, f"{type(e).__name__}: {e}") from e

    async def close(self) -> None:
        return None
