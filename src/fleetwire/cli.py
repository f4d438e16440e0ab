"""The `fleetwire` command line: run, gateway, worker, api, decode, replay, simulate, …"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from fleetwire.config import Settings, load


def _settings(config: Path | None, data_dir: Path | None) -> Settings:
    import tomllib

    from pydantic import ValidationError

    try:
        settings = load(config, data_dir=data_dir)
    except tomllib.TOMLDecodeError as e:
        raise click.ClickException(f"bad configuration file {config}: {e}") from None
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']} (got {err.get('input')!r})"
            for err in e.errors()
        )
        raise click.ClickException(f"bad configuration: {problems}") from None
    from fleetwire import logs

    logs.setup(settings.log_level, settings.log_format)
    return settings


def _registry_ready(settings: Settings) -> None:
    """Embedded tier: registry.db migrated before the roles start (each role also does it when
    it opens the registry, when started on its own; PostgreSQL roles check the schema instead
    and refuse to run behind)."""
    if not settings.store.postgres:
        from fleetwire.store.migrate import migrate_embedded

        migrate_embedded(settings)


def _metrics_env(settings: Settings) -> None:
    """Join the host's multiprocess metrics (must happen before prometheus_client is imported)."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        settings.metrics_dir.mkdir(parents=True, exist_ok=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(settings.metrics_dir)


_config = click.option(
    "--config", "-c", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="FLEETWIRE_CONFIG", help="TOML configuration file.",
)  # fmt: skip
_data_dir = click.option(
    "--data-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Data directory (default ./data).",
)  # fmt: skip


@click.group()
@click.version_option(package_name="fleetwire")
def main() -> None:
    """Fleetwire: a raw-first GPS tracker platform."""


@main.command()
@_config
@_data_dir
def run(config: Path | None, data_dir: Path | None) -> None:
    """Run gateway, worker and API on this machine (embedded storage)."""
    from fleetwire.supervisor import supervise

    settings = _settings(config, data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _registry_ready(settings)
    from fleetwire.cli_user import how_to_log_in

    how_to_log_in(settings)
    args: list[str] = ["--data-dir", str(settings.data_dir)]
    if config is not None:
        args += ["--config", str(config)]
    sys.exit(supervise(args, settings.metrics_dir))


@main.command()
@_config
@_data_dir
@click.option("--reuse-port", is_flag=True, help="Bind with SO_REUSEPORT (several gateways).")
@click.option(
    "--processes", "-P", type=int, default=1, show_default=True,
    help="Gateway processes sharing the ports (SO_REUSEPORT); the kernel spreads connections.",
)  # fmt: skip
def gateway(config: Path | None, data_dir: Path | None, reuse_port: bool, processes: int) -> None:
    """Hold device connections: frame, identify, append to the raw log, ACK."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    if processes > 1:
        from fleetwire.supervisor import supervise

        args = ["--data-dir", str(settings.data_dir), "--reuse-port"]
        if config is not None:
            args += ["--config", str(config)]
        sys.exit(supervise(args, settings.metrics_dir, ("gateway",) * processes, clean=False))
    from fleetwire.gateway.server import run as run_gateway

    run_gateway(settings, reuse_port=reuse_port)


@main.command()
@_config
@_data_dir
def worker(config: Path | None, data_dir: Path | None) -> None:
    """Decode raw frames in batches and store positions."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    if settings.rawlog.jetstream:
        from fleetwire.worker.stream import run as run_stream_worker

        run_stream_worker(settings)
        return
    from fleetwire.worker.loop import run as run_worker

    run_worker(settings)


@main.command()
@_config
@_data_dir
def outbox(config: Path | None, data_dir: Path | None) -> None:
    """Deliver notifications and forwarded positions/events from the outbox."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    from fleetwire.worker.outbox.service import run as run_outbox

    run_outbox(settings)


@main.command()
@_config
@_data_dir
def api(config: Path | None, data_dir: Path | None) -> None:
    """Serve the HTTP API, /docs and /metrics."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    from fleetwire.api.server import run as run_api

    run_api(settings)


@main.command()
@_config
@_data_dir
def migrate(config: Path | None, data_dir: Path | None) -> None:
    """Create or update the JetStream stream and apply the store's migrations."""
    import asyncio

    settings = _settings(config, data_dir)

    async def go() -> None:
        from fleetwire.store.migrate import migrate as migrate_store

        done = await migrate_store(settings)
        if settings.store.postgres:
            from fleetwire.store.postgres import schema

            click.echo(
                f"postgresql: applied {done['postgres'] or 'nothing'}, schema at "
                f"{schema.LATEST_VERSION}, dropped {done['dropped'] or 'no'} partitions"
            )
        before, after = done["registry"]
        where = "postgresql" if settings.store.postgres else str(settings.registry_path)
        click.echo(
            f"registry ({where}): "
            + (f"migrated {before or 'empty'} -> {after}" if before != after else f"at {after}")
        )
        if settings.rawlog.jetstream:
            from fleetwire.rawlog import jetstream as rawjs

            nc = await rawjs.connect(settings.rawlog, "fleetwire-migrate")
            try:
                stream = await rawjs.ensure_stream(nc.jetstream(), settings.rawlog)
            finally:
                await nc.drain()
            click.echo(f"jetstream: stream {settings.rawlog.stream} {stream}")
        else:
            click.echo("raw log: embedded SQLite, created on start")

    try:
        asyncio.run(go())
    except OSError as e:
        raise click.ClickException(f"cannot reach a service: {e}") from e


@main.command()
@click.argument("device")
@click.option("--hex", "as_hex", default=None, help="Bytes to send, as hex.")
@click.option("--text", default=None, help="Bytes to send, as text.")
@_config
@_data_dir
def downlink(
    device: str, as_hex: str | None, text: str | None, config: Path | None, data_dir: Path | None
) -> None:
    """Send raw bytes to DEVICE through whichever gateway holds it (scale-out tier)."""
    import asyncio

    settings = _settings(config, data_dir)
    if not (settings.rawlog.jetstream and settings.store.postgres):
        raise click.ClickException("downlink routing needs rawlog.url (nats://) and store.url")
    if (as_hex is None) == (text is None):
        raise click.BadParameter("give exactly one of --hex and --text")
    payload = bytes.fromhex(as_hex) if as_hex is not None else (text or "").encode()

    async def go() -> bool:
        from fleetwire.gateway.routing import send_downlink
        from fleetwire.rawlog import jetstream as rawjs
        from fleetwire.store.postgres.stores import PgRegistry, connect_pool

        pool = await connect_pool(settings.store.url, max_size=1)
        try:
            dev = await PgRegistry(pool).get(device)
        finally:
            await pool.close()
        if dev is None:
            raise click.ClickException(f"no device {device!r}")
        nc = await rawjs.connect(settings.rawlog, "fleetwire-downlink")
        try:
            return await send_downlink(nc, settings.rawlog, dev.id, payload)
        finally:
            await nc.drain()

    if not asyncio.run(go()):
        raise click.ClickException(f"{device} is not connected to any gateway")
    click.echo(f"sent {len(payload)} bytes to {device}")


@main.command()
@click.argument("protocol")
@click.option("--hex", "as_hex", is_flag=True, help="Every line is hex.")
@click.option("--udp", is_flag=True, help="Every line is one UDP datagram.")
def decode(protocol: str, as_hex: bool, udp: bool) -> None:
    """Decode frames from stdin (one per line, one connection) to JSON lines on stdout."""
    from fleetwire.tools.decode import decode_lines

    try:
        lines = sys.stdin.buffer.read().splitlines()
    except OSError as e:
        raise click.ClickException(f"cannot read input: {e}") from e
    try:
        for line in decode_lines(protocol, lines, as_hex=as_hex, udp=udp):
            sys.stdout.write(line + "\n")
    except KeyError as e:
        raise click.ClickException(str(e)) from e


def _iso_time(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """ISO-8601 (2026-11-26T08:00:00Z, +02:00 offsets); a time without an offset is UTC."""
    from datetime import UTC, datetime

    if value is None:
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO-8601 time") from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


@main.command()
@click.option("--device", "devices", multiple=True, help="Unique id (IMEI); repeatable.")
@click.option("--protocol", "protocols", multiple=True, help="Protocol name; repeatable.")
@click.option("--from", "from_", callback=_iso_time, help="Received at or after (ISO-8601).")
@click.option("--to", callback=_iso_time, help="Received before (ISO-8601).")
@click.option("--dead-letters", is_flag=True, help="Only frames that are dead letters now.")
@click.option("--all", "everything", is_flag=True, help="Every frame in the raw log.")
@click.option("--dry-run", is_flag=True, help="Decode and count the changes; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_config
@_data_dir
def replay(
    devices: tuple[str, ...],
    protocols: tuple[str, ...],
    from_: Any,
    to: Any,
    dead_letters: bool,
    everything: bool,
    dry_run: bool,
    as_json: bool,
    config: Path | None,
    data_dir: Path | None,
) -> None:
    """Decode raw frames again with today's decoders and replace the records they made.

    For after a decoder fix or a configuration change (a protocol's time zone, say): the raw log
    keeps every frame, and the records derived from the selected ones are swapped for what they
    decode to now, batch by batch, each batch in one transaction. Safe to run beside a running
    worker, and to run again after an interruption.
    """
    from fleetwire.protocols import NAMES

    if not (devices or protocols or from_ or to or dead_letters or everything):
        raise click.UsageError(
            "say which frames: --device, --protocol, --from/--to, --dead-letters, or --all"
        )
    if unknown := [p for p in protocols if p not in NAMES]:
        raise click.BadParameter(f"unknown protocol {', '.join(unknown)}", param_hint="--protocol")
    settings = _settings(config, data_dir)
    from fleetwire.tools.replay import ReplaySummary, Selection, UnknownDevice
    from fleetwire.tools.replay import replay as run_replay

    selection = Selection(
        devices, protocols,
        None if from_ is None else int(from_.timestamp() * 1e6),
        None if to is None else int(to.timestamp() * 1e6),
        dead_letters,
    )  # fmt: skip
    tty = sys.stderr.isatty() and not as_json

    def progress(s: ReplaySummary) -> None:
        click.echo(f"\r{s.frames:,} frames", nl=False, err=True)

    report = progress if tty else None
    try:
        if settings.store.postgres and settings.rawlog.url:
            import asyncio

            from fleetwire.tools.replay_scale import replay_scale

            summary = asyncio.run(
                replay_scale(settings, selection, dry_run=dry_run, progress=report)
            )
        elif settings.store.postgres or settings.rawlog.url:
            raise click.ClickException(
                "replay needs both tiers alike: embedded (SQLite) or JetStream + PostgreSQL"
            )
        else:
            summary = run_replay(settings, selection, dry_run=dry_run, progress=report)
    except UnknownDevice as e:
        raise click.BadParameter(str(e), param_hint="--device") from None
    if tty:
        click.echo("", err=True)
    if as_json:
        import dataclasses

        import orjson

        click.echo(orjson.dumps(dataclasses.asdict(summary)).decode())
        return
    click.echo(
        f"{summary.frames:,} frames (up to seq {summary.upto_seq}): records"
        f" {summary.unchanged:,} unchanged, {summary.removed:,} removed, {summary.added:,} added;"
        f" dead letters {summary.dead_before:,} -> {summary.dead_after:,}"
        + (f" {summary.errors}" if summary.errors else "")
        + (" (dry run: nothing written)" if dry_run else "")
    )


@main.command()
@click.option("--protocol", "-p", default="teltonika", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Default: the protocol's port.")
@click.option("--udp", is_flag=True, help="Send UDP datagrams (protocols that have UDP).")
@click.option("--devices", "-n", type=int, default=10, show_default=True)
@click.option("--records", "-r", type=int, default=1, show_default=True, help="Records per frame.")
@click.option("--frames", "-f", type=int, default=0, help="Frames per device (0: until duration).")
@click.option("--duration", "-d", type=float, default=10.0, show_default=True, help="Seconds.")
@click.option("--rate", type=float, default=0.0, help="Frames/s per device (0: as fast as ACKs).")
@click.option("--idle", is_flag=True, help="Log in, then hold the connections idle.")
@click.option("--processes", "-P", type=int, default=1, show_default=True)
@click.option("--source-ips", default="", help="Source addresses, e.g. 127.0.0.2-127.0.0.9.")
@click.option(
    "--first-id",
    type=int,
    default=None,
    help="First device id (default: an id of the protocol's form).",
)
@click.option("--connect-rate", type=float, default=2000.0, show_default=True, help="Per second.")
@click.option("--record-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write every ACKed record as a JSON line (for end-to-end checks).")  # fmt: skip
@click.option(
    "--reconnect", is_flag=True, help="Reconnect and resend unACKed frames, as devices do."
)
@click.option(
    "--ack-timeout", type=float, default=10.0, show_default=True,
    help="Seconds a TCP device waits for a reply before it gives up on the connection.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def simulate(**kwargs: Any) -> None:
    """Simulated devices: connect, log in, send a moving track, check every ACK."""
    from fleetwire.simulate.runner import SimulateOptions, run_simulation

    opts = SimulateOptions(**kwargs)
    sys.exit(run_simulation(opts))


def _api_base(api: str | None) -> str:
    if api:
        return api
    settings = load(None)
    host = "127.0.0.1" if settings.api.host in ("0.0.0.0", "::") else settings.api.host
    return f"http://{host}:{settings.api.port}"


def _print_json(body: Any) -> None:
    import orjson

    sys.stdout.write(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode() + "\n")


def _api_options(fn: Any) -> Any:
    """--api, and the credentials: --token (FLEETWIRE_TOKEN), or --user (FLEETWIRE_USER) with
    the password from FLEETWIRE_PASSWORD or prompted."""
    for option in reversed((
        click.option("--api", default=None, help="API base URL (default from the configuration)."),
        click.option("--token", envvar="FLEETWIRE_TOKEN", default=None, help="An API token."),
        click.option("--user", envvar="FLEETWIRE_USER", default=None, help="Email or login."),
    )):  # fmt: skip
        fn = option(fn)
    return fn


def _auth(token: str | None, user: str | None) -> str | None:
    from fleetwire.tools.command import authorization

    password = None
    if user and not token:
        password = os.environ.get("FLEETWIRE_PASSWORD") or click.prompt(
            f"Password for {user}", hide_input=True, err=True
        )
    return authorization(token, user, password)


_api = _api_options


@main.group()
def command() -> None:
    """Send, list and cancel device commands (through the API)."""


@command.command("send")
@click.argument("device")
@click.argument("type")
@click.option("--attr", "-a", "attrs", multiple=True, help="key=value (repeatable).")
@click.option("--data", default=None, help="Text of a custom command (attributes.data).")
@click.option("--ttl", type=float, default=None, help="Seconds until it expires unsent.")
@click.option("--priority", type=int, default=0)
@click.option("--key", default=None, help="Idempotency key.")
@_api
def command_send(
    device: str, type: str, attrs: tuple[str, ...], data: str | None, ttl: float | None,
    priority: int, key: str | None, api: str | None, token: str | None, user: str | None,
) -> None:  # fmt: skip
    """Queue a command for DEVICE (unique id): engineStop, custom --data 'getver', ..."""
    from fleetwire.tools.command import ApiError, call, parse_attributes

    try:
        attributes = parse_attributes(attrs)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e
    if data is not None:
        attributes["data"] = data
    body = {"device": device, "type": type, "attributes": attributes, "priority": priority,
            "ttl": ttl, "idempotencyKey": key}  # fmt: skip
    try:
        _print_json(call(_api_base(api), "POST", "/api/commands/queue", body, _auth(token, user)))
    except (ApiError, OSError) as e:
        raise click.ClickException(str(e)) from e


@command.command("list")
@click.option("--device", default=None)
@click.option("--state", default=None)
@_api
def command_list(
    device: str | None, state: str | None, api: str | None, token: str | None, user: str | None
) -> None:
    """List commands, newest first."""
    from fleetwire.tools.command import ApiError, call

    try:
        rows = call(
            _api_base(api), "GET", "/api/commands/queue", auth=_auth(token, user), device=device,
            state=state,
        )  # fmt: skip
    except (ApiError, OSError) as e:
        raise click.ClickException(str(e)) from e
    for c in rows:
        click.echo(
            f"{c['id']:>6} {c['state']:<12} {c['type']:<16} device={c['deviceId']}"
            f" created={c['created']} result={c['result'] or c['error'] or '-'}"
        )


@command.command("cancel")
@click.argument("command_id", type=int)
@_api
def command_cancel(command_id: int, api: str | None, token: str | None, user: str | None) -> None:
    """Cancel a queued command."""
    from fleetwire.tools.command import ApiError, call

    try:
        path = f"/api/commands/queue/{command_id}"
        _print_json(call(_api_base(api), "DELETE", path, auth=_auth(token, user)))
    except (ApiError, OSError) as e:
        raise click.ClickException(str(e)) from e


from fleetwire.cli_user import user  # noqa: E402

main.add_command(user)

if __name__ == "__main__":  # pragma: no cover
    main()
