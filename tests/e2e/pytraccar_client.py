"""A real Traccar client against a Fleetwire API: pytraccar (3.x with a token, 2.x with email
and password), every call it has, then its WebSocket subscription until a position of the
wanted device arrives. Runs standalone (no fleetwire imports) under whichever Python has that
pytraccar: 3.0.0 needs Python 3.13, so the test runs it in a venv of its own.

    python pytraccar_client.py --port 8082 --token T --device 356307042441013
    python pytraccar_client.py --port 8082 --user a@b.c --password pw --device 3563...

Prints "CONNECTED" once the subscription is up, then one JSON line with what each call
returned and the socket frames it received."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

import aiohttp
from pytraccar import ApiClient


async def run(args: argparse.Namespace) -> dict[str, Any]:
    # HA's jar for plain-HTTP servers: cookies for a bare IP address are kept
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        auth: dict[str, str] = (
            {"token": args.token} if args.token
            else {"username": args.user, "password": args.password}
        )  # fmt: skip
        client = ApiClient(host="127.0.0.1", port=args.port, client_session=session, **auth)
        out: dict[str, Any] = {
            "server": await client.get_server(),
            "devices": await client.get_devices(),
            "geofences": await client.get_geofences(),
            "positions": await client.get_positions(),
        }
        wanted = next(d["id"] for d in out["devices"] if d["uniqueId"] == args.device)
        out["events"] = await client.get_reports_events(
            devices=[wanted], event_types=["alarm", "ignitionOn"]
        )
        frames: list[Any] = []
        got = asyncio.Event()

        # a position the socket may repeat (one stored before the open frame but polled after
        # it) is not what the test waits for: a position newer than the client read over REST
        baseline = max(
            (p["fixTime"] for p in out["positions"] if p["deviceId"] == wanted), default=""
        )

        async def callback(data: Any) -> None:
            frames.append(data)
            if len(frames) > 1 and any(
                p["deviceId"] == wanted and p["fixTime"] > baseline
                for p in data.get("positions") or []
            ):
                got.set()

        task = asyncio.create_task(client.subscribe(callback))
        async with asyncio.timeout(20):
            while str(client.subscription_status) != "connected":
                if task.done():
                    task.result()  # raises what went wrong
                    raise RuntimeError("subscription ended")
                await asyncio.sleep(0.05)
        print("CONNECTED", flush=True)
        try:
            async with asyncio.timeout(args.timeout):
                await got.wait()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        out["frames"] = frames
        out["status_after"] = str(client.subscription_status)
        return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--device", required=True)
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    out = asyncio.run(run(args))
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
