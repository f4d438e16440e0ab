"""Run the API with uvicorn."""

from __future__ import annotations

import uvicorn

from fleetwire.api.app import create_app
from fleetwire.config import Settings


def run(settings: Settings) -> None:
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
    )
