"""Settings: defaults that need no file, a TOML file, and FLEETWIRE_* environment variables.

Precedence (highest first): environment (FLEETWIRE_API__PORT=9000, nested with "__"), the TOML
file (--config or FLEETWIRE_CONFIG), then these defaults. Every key can be set each way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


class ProtocolSettings(BaseModel):
    enabled: bool = True
    port: int | None = None  # None: the protocol's default port
    udp: bool = True  # also listen on UDP where the protocol has a UDP transport
    # hours east of UTC of devices that report local time; unset: the protocol's own default
    # (UTC, or GMT+8 for JT/T 808, as its standard says)
    timezone: float | None = Field(default=None, ge=-14, le=14, allow_inf_nan=False)
    # further decode options a protocol documents (Xirgo: form = "UID,EV,D,T,LT,LN,..." for
    # units with a custom message format); passed to its decoder as they are
    decode: dict[str, Any] = Field(default_factory=dict)


class GatewaySettings(BaseModel):
    host: str = "0.0.0.0"
    idle_timeout: float = 1800.0  # seconds without a byte before a connection is closed
    identify_timeout: float = 60.0  # s a connection may take to identify its device
    # connections not yet identified from one source address (0: no cap); generous, since a
    # mobile carrier puts thousands of devices behind one address, each identifying at once
    max_unidentified_per_address: int = 5000
    max_connections: int = 0  # 0: as many as the open-file limit allows, less a reserve
    register_unknown: bool = True  # False: unknown devices are refused and logged
    max_unacked_frames: int = 256  # per connection; reading pauses past this
    max_bad_frames: int = 5  # consecutive rejected frames before the connection is closed
    commit_batch: int = 10000  # most frames in one raw-log transaction
    commit_linger: float = 0.001  # s a raw-log commit waits for more frames (committer.py)
    # embedded tier: frames the worker may fall behind the raw log before ACKs wait for it
    # (gateway/worker_lag.py); 0: never wait
    max_worker_lag: int = 20000
    # least s between raw-log commits' starts (committer.py): 0.01 saves about a fifth of the
    # gateway's CPU per frame at 1,000 frames/s and adds 5-10 ms to the ACK (p99 16 vs 10.5 ms
    # at 10,000 records/s, bench/ingest.py); the ACK is what every device waits on
    commit_interval: float = 0.0
    command_poll: float = 0.5  # s between looks at the registry for queued commands
    command_reply_timeout: float = 60.0  # s a device may take to answer before the command fails
    # every TCP connection starts with a PROXY protocol v1/v2 header (HAProxy send-proxy-v2),
    # which gives the device's real address; never auto-detected (it would let anyone spoof it)
    proxy_protocol: bool = False
    inline_decode: bool = False  # benchmark only: decode + store before the ACK (see inline.py)
    auto_port_enabled: bool = False  # one port for every device, protocol recognised per connection
    auto_port: int = 5000


class RawLogSettings(BaseModel):
    # "" (embedded SQLite under data_dir) or "nats://host:4222[,nats://...]" (JetStream)
    url: str = ""
    # FULL fsyncs every group commit: ACKed frames survive power loss, not only kill -9.
    synchronous: Literal["full", "normal"] = "full"
    retention_days: float = 90.0
    # JetStream only
    stream: str = "FLEETWIRE_RAW"
    subject_prefix: str = "fw"  # subjects: <prefix>.raw.<partition>.<device id>
    partitions: int = 16  # each consumed by one worker at a time, so per-device order holds
    replicas: int = 1
    max_bytes: int = -1  # stream size limit; -1: none (age only)
    publish_timeout: float = 5.0  # s; a frame not stored by then is not ACKed
    ack_wait: float = 30.0  # s before a batch a dead worker held is delivered again

    @property
    def jetstream(self) -> bool:
        return self.url.startswith(("nats://", "tls://"))


class StoreSettings(BaseModel):
    # "" (embedded SQLite under data_dir) or "postgresql://user@host:5432/db"
    url: str = ""
    retention_days: float = 0.0  # positions partitions older than this are dropped; 0: keep
    months_ahead: int = 2  # monthly positions partitions created ahead

    @property
    def postgres(self) -> bool:
        return self.url.startswith(("postgresql://", "postgres://"))


class WorkerSettings(BaseModel):
    batch_size: int = 10000
    poll_interval: float = 0.05  # seconds to sleep when the log has nothing new
    future_skew: float = 600.0  # seconds; a fix dated further ahead never becomes "latest"
    # CPU priority below the gateway's: on a shared host an ACK waiting behind a decode batch
    # costs a device its data window, while a stored position a few ms later costs nothing.
    # 10, not 19: at 19 the worker takes the idle class and gets no CPU at all while anything
    # else runs, so it cannot keep up, and the gateway's backpressure (gateway.max_worker_lag)
    # has no worker to wait for
    nice: int = 10
    logic: bool = True  # business logic (events, trips, geofences...) after decoding
    registry_reload: float = 10.0  # s between looks at the registry's geofences and keys
    # devices whose business-logic state the worker keeps in memory between batches (the store
    # stays the truth; 0: read every batch's from the store)
    state_cache: int = 5000


class SinkSettings(BaseModel):
    """One forwarding sink: where positions and events go after commit."""

    type: Literal["webhook", "mqtt", "nats", "amqp"]
    # webhook: the URL to POST to; mqtt: mqtt://host:1883; nats: nats://host:4222;
    # amqp: amqp://guest:guest@host:5672/
    url: str
    records: list[Literal["positions", "events"]] = ["positions", "events"]
    # MQTT topic, NATS subject or AMQP routing key; {kind} (position/event), {device_id} and
    # {unique_id} are filled in
    topic: str = "fleetwire.{kind}.{device_id}"
    exchange: str = "fleetwire"  # AMQP: a durable topic exchange, declared if missing
    secret: str = ""  # webhook: HMAC-SHA256 key of the X-Fleetwire-Signature header
    headers: dict[str, str] = Field(default_factory=dict)  # webhook: extra request headers
    timeout: float = 10.0  # s for one delivery
    concurrency: int = Field(default=16, ge=1)  # webhook: devices delivered to at once


class NotifySettings(BaseModel):
    """Notification channels (Traccar's notificators) the rules may name."""

    channels: list[Literal["web", "webhook", "mail", "mqtt"]] = ["web", "webhook", "mail", "mqtt"]
    webhook_url: str = ""
    webhook_secret: str = ""
    smtp_host: str = "127.0.0.1"  # empty: no email (no mail channel, no password reset)
    smtp_port: int = 25
    smtp_from: str = "fleetwire@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mqtt_url: str = "mqtt://127.0.0.1:1883"
    mqtt_topic: str = "fleetwire/notifications/{user_id}"
    # Traccar's notificator.timeThreshold: an event older than this when it is processed is
    # "late"; each rule's latePolicy says whether it is skipped or sent marked delayed
    time_threshold: float = 900.0


class OutboxSettings(BaseModel):
    sinks: dict[str, SinkSettings] = Field(default_factory=dict)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    # a notification that failed this many times is dead (listed in the API, not retried); a
    # forwarded message is dead after this many refusals by the sink (HTTP 4xx...), while an
    # unreachable sink is retried without end: its backlog waits in order
    max_attempts: int = Field(default=20, ge=1)
    backoff_initial: float = 1.0  # s before the first retry, doubling per attempt
    backoff_max: float = 300.0  # with the defaults, 20 attempts span about an hour
    batch: int = 500  # messages read per round
    poll_interval: float = 0.2  # s between looks when there is nothing to send
    keep_delivered: float = 86400.0  # s a delivered row (and its id) is kept
    rules_refresh: float = 5.0  # s between reloads of the notification rules


class ApiSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8082
    max_rows: int = 100000  # most rows one query returns
    # serve HTTPS itself with this certificate chain and key (PEM files); unset: plain HTTP,
    # for loopback or behind a TLS-terminating proxy
    tls_cert: Path | None = None
    tls_key: Path | None = None

    @field_validator("tls_cert", "tls_key", mode="before")
    @classmethod
    def _unset(cls, value: object) -> object:
        return None if value == "" else value  # an empty string in the file means unset

    registration: bool = False  # anyone may sign up (POST /api/users); the first user always may
    session_days: float = 30.0  # a login session lasts this long
    token_days: float = 7.0  # default lifetime of a token from POST /api/session/token
    # failed logins within login_window seconds, per client address and per account, past
    # which further attempts get 429 until the window has passed
    login_window: float = 900.0
    login_max_per_address: int = 20
    login_max_per_account: int = 10
    # password reset (POST /api/password/reset): requests per client address and per account
    # within login_window, past which further ones get 429; how long an emailed token works
    reset_max_per_address: int = 5
    reset_max_per_account: int = 3
    reset_hours: float = 1.0
    # the web UI's public address for links in emails (Traccar's web.url), e.g.
    # https://fleet.example.org; never taken from the request's Host header, which the requester
    # chooses. Unset: a reset email carries the token and the path to open, without a link
    web_url: str = ""
    # a static single-page app served at / instead of the built-in page (e.g. the web/ folder
    # of a Traccar release), with Traccar's SPA fallback and ${title} placeholders
    web_path: Path | None = None
    # Traccar's server attributes (GET /api/server): title, description, colorPrimary, ...
    server_attributes: dict[str, Any] = Field(default_factory=dict)
    # map tiles of the web UI: a {z}/{x}/{y} template the browser fetches (not the server)
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    tile_attribution: str = "© OpenStreetMap contributors"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FLEETWIRE_", env_nested_delimiter="__", extra="forbid"
    )

    data_dir: Path = Path("data")
    log_level: str = "INFO"
    log_format: Literal["kv", "json"] = "kv"
    gateway: GatewaySettings = Field(default_factory=GatewaySettings)
    rawlog: RawLogSettings = Field(default_factory=RawLogSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    outbox: OutboxSettings = Field(default_factory=OutboxSettings)
    protocols: dict[str, ProtocolSettings] = Field(default_factory=dict)
    # server-wide business-logic keys under Traccar's names ("report.trip.minDistance" = 300)
    logic: dict[str, str | float | bool] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = os.environ.get("FLEETWIRE_CONFIG")
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if path:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(path)))
        return tuple(sources)

    def protocol(self, name: str) -> ProtocolSettings:
        return self.protocols.get(name) or ProtocolSettings()

    # file layout under data_dir
    @property
    def rawlog_path(self) -> Path:
        return self.data_dir / "rawlog.db"

    @property
    def telemetry_path(self) -> Path:
        return self.data_dir / "telemetry.db"

    @property
    def registry_path(self) -> Path:
        return self.data_dir / "registry.db"

    @property
    def metrics_dir(self) -> Path:
        return self.data_dir / "metrics"


def load(config: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, the TOML file, the environment, then explicit overrides."""
    if config is not None:
        os.environ["FLEETWIRE_CONFIG"] = str(config)
    settings = Settings()
    if overrides:
        settings = settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    return settings
