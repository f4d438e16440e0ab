"""The sans-I/O protocol contract every protocol package implements.

A protocol module turns bytes into frames, frames into an Uplink (what the gateway needs: identity
and the exact reply) and into Records (what the worker needs), and Commands into bytes. It has no
sockets, no asyncio, no database, no clock and no logging: callers pass the receive time in.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, ClassVar

from fleetwire.errors import DeviceError, UnsupportedCommand
from fleetwire.model import Command, Record
from fleetwire.sanity import require


class Transport(StrEnum):
    TCP = "tcp"
    UDP = "udp"
    HTTP = "http"


class Detection(IntEnum):
    """A protocol's answer to "is this connection mine?" from its first bytes."""

    NO = 0
    YES = 1
    MORE = 2  # cannot tell yet: need more bytes


class FrameKind(StrEnum):
    LOGIN = "login"  # identifies the device (Teltonika IMEI packet, GT06 0x01)
    DATA = "data"  # carries records
    HEARTBEAT = "heartbeat"  # keep-alive / status
    REPLY = "reply"  # the device's answer to a command
    OTHER = "other"


# Sign-coded result of frame_length(): a positive n is "the next frame is n bytes long" (possibly
# not all received yet), NEED_MORE is "cannot tell yet", a negative -n is "skip n bytes of garbage".
NEED_MORE = 0


@dataclass(slots=True, frozen=True)
class Uplink:
    """What one frame means to the gateway, read from its header without a full decode."""

    kind: FrameKind
    unique_id: str | None = None  # the identity this frame carries, if it carries one
    ack: bytes = b""  # sent once the frame is durable in the raw log; empty: nothing to send
    reject: bytes = b""  # sent instead of ``ack`` when the device is refused
    records: int = 0  # records the frame carries (for counters)
    store: bool = True  # False only for frames with nothing to keep (a bare keep-alive byte)
    # what decoding this frame needs from earlier frames of its connection (a record layout the
    # device negotiated at connect, say), kept with the frame in the raw log so that any worker,
    # and any replay, decodes it alone; empty for nearly every protocol
    context: bytes = b""


class Session:
    """Per-connection state a protocol may keep between frames (owned by the caller).

    ``state`` is made on first use: most protocols keep none, and a gateway holding 100,000
    idle connections would hold 100,000 empty dicts (64 bytes each)."""

    __slots__ = ("_state", "received_us", "transport", "unique_id")

    def __init__(
        self,
        transport: Transport = Transport.TCP,
        unique_id: str | None = None,
        state: dict[str, Any] | None = None,
        received_us: int = 0,
    ) -> None:
        self.transport, self.unique_id, self._state = transport, unique_id, state
        # when the frame being inspected arrived (µs since the epoch, UTC), set by the caller:
        # the clock for the few replies that carry the server's time; 0 when unknown
        self.received_us = received_us

    @property
    def state(self) -> dict[str, Any]:
        if self._state is None:
            self._state = {}
        return self._state

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        self._state = value

    def __repr__(self) -> str:
        return (
            f"Session(transport={self.transport!r}, unique_id={self.unique_id!r},"
            f" state={self._state or {}!r}, received_us={self.received_us})"
        )


@dataclass(slots=True, frozen=True)
class DecodeContext:
    """What a decoder may know besides the frame: who sent it, when, how."""

    unique_id: str | None
    received: datetime
    transport: Transport = Transport.TCP
    options: dict[str, Any] = field(default_factory=dict)  # per-device settings, e.g. timezone
    context: bytes = b""  # the frame's connection context, as inspect() gave it (Uplink.context)


class TrackerProtocol(abc.ABC):
    """One protocol. Subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]
    default_port: ClassVar[int]
    transports: ClassVar[frozenset[Transport]]
    max_frame_size: ClassVar[int]
    commands: ClassVar[frozenset[str]] = frozenset()  # command types encode_command accepts
    # whether devices answer a command with a frame inspect() calls FrameKind.REPLY (then the
    # next command waits for that answer, and a missing answer fails the command)
    answers_commands: ClassVar[bool] = False
    # for the README's protocol table: message types decoded, and devices known to use it
    messages: ClassVar[tuple[str, ...]] = ()
    devices: ClassVar[tuple[str, ...]] = ()
    # whether the shared auto port offers this protocol: False for one whose first frame is
    # indistinguishable from another's (IntelliTrac's reports are Wondex's, field for field);
    # its devices go to its own port, and its detect() is never asked
    auto_port: ClassVar[bool] = True
    # what a text frame may end with that a split into lines, or a copied capture, loses: tried
    # in turn by `fleetwire decode` when a line alone is no whole frame
    terminators: ClassVar[tuple[bytes, ...]] = (b"\r\n", b"\r", b"\n")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every decoder's output passes the record sanity check here, once for all protocols:
        a protocol cannot forget it, and a field no fix can have (a 50,000 km altitude read from
        a corrupt frame) is the device's InvalidField, never a stored record."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("decode")
        if own is None or getattr(own, "checked", False):
            return
        if isinstance(own, staticmethod):
            fn = own.__func__

            def checked_static(frame: bytes, ctx: DecodeContext) -> list[Record]:
                return [require(r) for r in fn(frame, ctx)]

            checked_static.checked = True  # type: ignore[attr-defined]
            checked_static.__doc__ = fn.__doc__
            setattr(cls, "decode", staticmethod(checked_static))  # noqa: B010
        else:

            def checked(self: TrackerProtocol, frame: bytes, ctx: DecodeContext) -> list[Record]:
                return [require(r) for r in own(self, frame, ctx)]

            checked.checked = True  # type: ignore[attr-defined]
            checked.__doc__ = own.__doc__
            setattr(cls, "decode", checked)  # noqa: B010

    @abc.abstractmethod
    def frame_length(self, buf: bytes | bytearray | memoryview) -> int:
        """Where the next frame of a TCP stream ends (see NEED_MORE for the sign coding).

        Must not raise for any input except FramingError for a header that can never be valid
        and cannot be resynchronised by skipping.
        """

    @abc.abstractmethod
    def inspect(self, frame: bytes, session: Session) -> Uplink:
        """Check one whole frame (size, checksum, header) and say what it means to the gateway.

        Raises a DeviceError when the frame fails its checks.
        """

    @abc.abstractmethod
    def decode(self, frame: bytes, ctx: DecodeContext) -> list[Record]:
        """Decode one whole frame. An unknown message type gives an empty list, not an error;
        a malformed frame raises a DeviceError."""

    def session_framing(self, session: Session) -> Callable[[memoryview], int]:
        """frame_length for one connection. A protocol whose frames are sized by what the
        connection negotiated (Navtelecom FLEX) binds the session here; the rest need none."""
        return self.frame_length

    def encode_command(self, command: Command, session: Session) -> bytes:
        """The bytes that carry ``command`` down to the device."""
        raise UnsupportedCommand(f"{self.name} has no command {command.type!r}")

    def detect(self, head: bytes) -> Detection:
        """Whether a new TCP connection whose first bytes are ``head`` speaks this protocol
        (for the shared auto-detecting port). The default says YES when ``head`` starts with a
        whole frame that passes inspect() and carries a device identity; protocols whose first
        frame is distinctive earlier, or whose framing is too permissive, override it."""
        try:
            n = self.frame_length(memoryview(head))
        except DeviceError:
            return Detection.NO
        if n < 0:
            return Detection.NO
        if n == 0 or n > len(head):
            return Detection.MORE if len(head) < min(self.max_frame_size, 2048) else Detection.NO
        try:
            up = self.inspect(head[:n], Session())
        except DeviceError:
            return Detection.NO
        return Detection.YES if up.unique_id else Detection.NO


class SimulatedDevice(abc.ABC):
    """The device side of a protocol, for the simulator and for round-trip tests."""

    # an identity of the form this protocol's devices use (most: a 15-digit IMEI)
    example_id: ClassVar[str] = "356307042441013"

    def __init__(self, unique_id: str, transport: Transport = Transport.TCP) -> None:
        self.unique_id = unique_id
        self.transport = transport

    @classmethod
    def nth_id(cls, n: int) -> str:
        """The n-th identity of this protocol's form, for fleets of simulated devices: IMEIs
        count up from the example; other forms change their last four digits."""
        example = cls.example_id
        return str(int(example) + n) if example.isdigit() else f"{example[:-4]}{n % 10000:04d}"

    @abc.abstractmethod
    def login(self) -> tuple[bytes, bytes]:
        """The first frame a device sends and the exact reply it waits for (b"": none)."""

    def handshake(self) -> list[tuple[bytes, bytes]]:
        """Every frame a device sends before its first report, each with the reply it waits
        for: the login, and for a few protocols a negotiation after it."""
        return [self.login()]

    def resend(self, frame: bytes, ack: bytes) -> bytes:
        """The reply ``frame``, written again on a new connection after its ACK was lost,
        waits for; by default the same ``ack`` (a protocol whose replies count per connection
        says otherwise)."""
        return ack

    @abc.abstractmethod
    def report(self, records: Sequence[Record]) -> tuple[bytes, bytes]:
        """A frame carrying ``records`` and the exact ACK the device expects (b"": none)."""

    def heartbeat(self) -> tuple[bytes, bytes]:
        """A keep-alive frame and its expected reply; by default an empty report."""
        return self.report([])

    def accepts(self, expected: bytes, got: bytes) -> bool:
        """Whether ``got`` is the reply this device waits for, ``expected`` being what login(),
        report() or heartbeat() said. Byte for byte, except where a protocol's reply carries
        the server's clock (the simulator cannot know it in advance)."""
        return got == expected

    def respond(self, downlink: bytes) -> bytes:
        """What the device sends back when ``downlink`` (a command) reaches it: its answer
        frame, or b"" for a device that does not answer commands."""
        return b""
