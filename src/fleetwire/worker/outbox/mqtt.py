"""MQTT delivery (forwarding sink and notification channel) with aiomqtt: QoS 1, each publish
awaited until the broker's PUBACK, in order; the message id travels as an MQTT v5 user property
``X-Fleetwire-Id`` (and inside the JSON). Connects lazily and again after a failure."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import aiomqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from fleetwire.store.outbox import Message
from fleetwire.worker.outbox.delivery import DeliveryError


def settle(client: aiomqtt.Client) -> None:
    """Take note of an unexpected disconnection: aiomqtt keeps it in a future that its exit
    leaves unread, and asyncio would report it (at garbage collection, anywhere) otherwise."""
    fut = getattr(client, "_disconnected", None)
    if isinstance(fut, asyncio.Future) and fut.done() and not fut.cancelled():
        fut.exception()


class Mqtt:
    def __init__(self, url: str, topic: Callable[[Message], str], client_id: str) -> None:
        u = urlsplit(url)
        self.host = u.hostname or "127.0.0.1"
        self.port = u.port or 1883
        self.username = u.username
        self.password = u.password
        self.topic = topic
        self.client_id = client_id
        self.client: aiomqtt.Client | None = None
        # one connection: concurrent deliveries (notifications go 16 at a time) must not each
        # connect, as a broker drops the older of two sessions with the same client id
        self._connecting = asyncio.Lock()

    async def _connect(self) -> aiomqtt.Client:
        async with self._connecting:
            return await self._connect_once()

    async def _connect_once(self) -> aiomqtt.Client:
        if self.client is None:
            client = aiomqtt.Client(
                self.host, self.port, username=self.username, password=self.password,
                identifier=self.client_id, protocol=aiomqtt.ProtocolVersion.V5, timeout=10,
            )  # fmt: skip
            await client.__aenter__()
            self.client = client
        return self.client

    async def deliver(self, messages: Sequence[Message]) -> None:
        for i, m in enumerate(messages):
            try:
                client = await self._connect()
                props = Properties(PacketTypes.PUBLISH)  # type: ignore[no-untyped-call]
                props.UserProperty = [("X-Fleetwire-Id", m.id)]
                await client.publish(self.topic(m), m.payload, qos=1, properties=props)
            except (aiomqtt.MqttError, OSError) as e:
                await self.close()
                raise DeliveryError(i, f"{type(e).__name__}: {e}") from e

    async def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(Exception):  # already gone: nothing to close
                await client.__aexit__(None, None, None)
            settle(client)
