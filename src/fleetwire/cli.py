"""The `fleetwire` command line: run, gateway, worker, api, decode, simulate."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from fleetwire.config import Settings, load


def _settings(config: Path | None, data_dir: Path | None) -> Settings:
    settings = load(config, data_dir=data_dir)
    from fleetwire import logs

    logs.setup(settings.log_level, settings.log_format)
    return settings


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
    args: list[str] = ["--data-dir", str(settings.data_dir)]
    if config is not None:
        args += ["--config", str(config)]
    sys.exit(supervise(args, settings.metrics_dir))


@main.command()
@_config
@_data_dir
@click.option("--reuse-port", is_flag=True, help="Bind with SO_REUSEPORT (several gateways).")
def gateway(config: Path | None, data_dir: Path | None, reuse_port: bool) -> None:
    """Hold device connections: frame, identify, append to the raw log, ACK."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    from fleetwire.gateway.server import run as run_gateway

    run_gateway(settings, reuse_port=reuse_port)


@main.command()
@_config
@_data_dir
def worker(config: Path | None, data_dir: Path | None) -> None:
    """Decode raw frames in batches and store positions."""
    settings = _settings(config, data_dir)
    _metrics_env(settings)
    from fleetwire.worker.loop import run as run_worker

    run_worker(settings)


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
@click.option("--first-id", type=int, default=350000000000000, show_default=True)
@click.option("--connect-rate", type=float, default=2000.0, show_default=True, help="Per second.")
@click.option("--record-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write every ACKed record as a JSON line (for end-to-end checks).")  # fmt: skip
@click.option(
    "--reconnect", is_flag=True, help="Reconnect and resend unACKed frames, as devices do."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def simulate(**kwargs: Any) -> None:
    """Simulated devices: connect, log in, send a moving track, check every ACK."""
    from fleetwire.simulate.runner import SimulateOptions, run_simulation

    opts = SimulateOptions(**kwargs)
    sys.exit(run_simulation(opts))


if __name__ == "__main__":  # pragma: no cover
    main()
