"""Which port each enabled protocol listens on, and refusing a configuration that puts two
protocols on one port: the second bind would fail with a bare "address in use", or, worse, a
port meant for one protocol would silently serve another (a `[protocols.minifinder]` port set
for binary MiniFinder units before minifinder2 took that name, say)."""

from __future__ import annotations

from fleetwire.config import Settings
from fleetwire.errors import ConfigError
from fleetwire.protocols import all_protocols
from fleetwire.protocols.base import Transport

# protocols that were one name before (issue 12): what to tell an operator whose old setting
# now collides with the new protocol's default
_RENAMED = {
    frozenset({"minifinder", "minifinder2"}): (
        " (the binary MiniFinder protocol is now minifinder2; minifinder is the text protocol: "
        "move the binary units' settings to [protocols.minifinder2])"
    ),
}


def listening(settings: Settings) -> dict[tuple[str, Transport], int]:
    """(protocol, transport) -> port of every enabled listener; raises ConfigError when two
    share a port (port 0, an ephemeral port, is never shared)."""
    out: dict[tuple[str, Transport], int] = {}
    owner: dict[tuple[Transport, int], str] = {}
    for proto in all_protocols():
        ps = settings.protocol(proto.name)
        if not ps.enabled:
            continue
        port = ps.port if ps.port is not None else proto.default_port
        for transport in (Transport.TCP, Transport.UDP):
            if transport not in proto.transports or (transport == Transport.UDP and not ps.udp):
                continue
            other = owner.get((transport, port)) if port else None
            if other is not None:
                hint = _RENAMED.get(frozenset({other, proto.name}), "")
                raise ConfigError(
                    f"protocols {other} and {proto.name} are both set to {transport} port "
                    f"{port}: give one of them its own port or disable it{hint}"
                )
            owner[transport, port] = proto.name
            out[proto.name, transport] = port
    return out
