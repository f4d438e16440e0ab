"""AMQP delivery (forwarding sink) with aio-pika: persistent messages to a durable topic
exchange, publisher confirms awaited per message (so "delivered" means the broker has it),
``message_id`` set to the outbox id."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

import aio_pika
from aio_pika.abc import AbstractExchange, AbstractRobustConnection

from fleetwire.store.outbox import Message
from fleetwire.worker.outbox.delivery import DeliveryError


class Amqp:
    def __init__(self, url: str, exchange: str, routing_key: Callable[[Message], str]) -> None:
        self.url = url
        self.exchange_name = exchange
        self.routing_key = routing_key
        self.conn: AbstractRobustConnection | None = None
        self.exchange: AbstractExchange | None = None

    async def _exchange(self) -> AbstractExchange:
        if self.exchange is None:
            self.conn = await aio_pika.connect_robust(self.url, timeout=10)
            channel = await self.conn.channel(publisher_confirms=True)
            self.exchange = await channel.declare_exchange(
                self.exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
            )
        return self.exchange

    async def deliver(self, messages: Sequence[Message]) -> None:
        for i, m in enumerate(messages):
            try:
                exchange = await self._exchange()
                await exchange.publish(
                    aio_pika.Message(
                        m.payload.encode(), content_type="application/json", message_id=m.id,
                        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                        headers={"X-Fleetwire-Id": m.id},
                    ),
                    routing_key=self.routing_key(m),
                    timeout=10,
                )  # fmt: skip
            except Exception as e:
                await self.close()
                raise DeliveryError(i, f"{type(e).__name__}: {e}") from e

    async def close(self) -> None:
        conn, self.conn, self.exchange = self.conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):  # already closed
                await conn.close()
