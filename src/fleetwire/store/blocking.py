"""Async stores for synchronous callers: a private event loop in a daemon thread that runs
their coroutines, so an engine (bound to the loop it first ran on) always stays on that one."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    def __init__(self, name: str = "store-io") -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


class SyncProxy:
    """Every coroutine method of ``target`` as a blocking call run on the I/O loop."""

    def __init__(self, target: object, io: LoopThread) -> None:
        self._target = target
        self._io = io

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._target, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._io.run(method(*args, **kwargs))

        return call
