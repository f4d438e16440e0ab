"""NATS delivery (forwarding sink): each message published with the headers ``Nats-Msg-Id``
(a JetStream stream capturing the subject drops a repeat within its duplicate window) and
``X-Fleetwire-Id``, then one flush, which returns once the server has them all."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

import nats
from nats.aio.client import Client

from fleetwire.store.outbox import Message
from fleetwire.worker.outbox.delivery import DeliveryError


class Nats:
    def __init__(self, url: str, subject: Callable[[Message], str], name: str) -> None:
        self.url = url
        self.subject = subject
        self.name = name
        self.nc: Client | None = None

    async def deliver(self, messages: Sequence[Message]) -> None:
        try:
            if self.nc is None or not self.nc.is_connected:
                await self.close()
                self.nc = await nats.connect(
                    self.url.split(","), name=self.name, allow_reconnect=False,
                    connect_timeout=5, max_reconnect_attempts=0,
                )  # fmt: skip
            for m in messages:
                await self.nc.publish(
                    self.subject(m), m.payload.encode(),
                    headers={"Nats-Msg-Id": m.id, "X-Fleetwire-Id": m.id},
                )  # fmt: skip
            await self.nc.flush(timeout=10)
        except Exception as e:
            # core NATS says nothing per message: after a failure none counts as delivered
            await self.close()
            raise DeliveryError(0, f"{type(e).__name__}: {e}") from e

    async def close(self) -> None:
        nc, self.nc = self.nc, None
        if nc is not None:
            with contextlib.suppress(Exception):  # the connection is already gone
                await nc.close()
