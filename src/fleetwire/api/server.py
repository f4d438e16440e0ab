"""Run the API with uvicorn: HTTPS when api.tls_cert and api.tls_key are set."""

from __future__ import annotations

import uvicorn

from fleetwire.api.app import create_app
from fleetwire.api.ws_deflate import SharedDeflateProtocol
from fleetwire.config import Settings


def run(settings: Settings) -> None:
    api = settings.api
    if (api.tls_cert is None) != (api.tls_key is None):
        raise SystemExit("api.tls_cert and api.tls_key go together: set both or neither")
    app = create_app(settings)
    uvicorn.run(
        app,
        host=settings.api.host,
        port=settings.api.port,
        log_level=settings.log_level.lower(),
        log_config=None,  # our structured handler, set up by the CLI
        access_log=False,
        loop="uvloop",
        http="httptools",
        ws=SharedDeflateProtocol,  # a frame sent to many sockets compressed once
        ssl_certfile=str(api.tls_cert) if api.tls_cert else None,
        ssl_keyfile=str(api.tls_key) if api.tls_key else None,
    )
