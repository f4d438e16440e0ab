"""`fleetwire api` serving HTTPS itself with api.tls_cert and api.tls_key (a certificate made
here with the system's openssl), and the cookie it then marks Secure."""

from __future__ import annotations

import http.client
import shutil
import ssl
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import orjson
import pytest

from fleetwire.testing import free_port, role_env, start_role, stop, wait_port
from tests.api.conftest import ADMIN, add_user
from tests.conftest import make_settings


def test_api_serves_https_with_a_certificate(data_dir: Path, tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    add_user(make_settings(data_dir), *ADMIN, administrator=True)
    port = free_port()
    env = role_env({"api": port}, FLEETWIRE_API__TLS_CERT=str(cert),
                   FLEETWIRE_API__TLS_KEY=str(key))  # fmt: skip
    log = tmp_path / "api.log"
    proc = start_role("api", ["--data-dir", str(data_dir)], env, log)
    try:
        wait_port(port, proc, log)
        trusted = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(f"https://127.0.0.1:{port}/api/health", context=trusted,
                                    timeout=10) as r:  # fmt: skip
            assert r.status == 200 and "lag" in orjson.loads(r.read())
        form = urllib.parse.urlencode({"email": ADMIN[0], "password": ADMIN[1]}).encode()
        req = urllib.request.Request(f"https://127.0.0.1:{port}/api/session", data=form)
        with urllib.request.urlopen(req, context=trusted, timeout=10) as r:
            assert r.status == 200 and "Secure" in r.headers["set-cookie"]
        with pytest.raises(http.client.RemoteDisconnected):  # plain HTTP gets nowhere
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=10)
    finally:
        stop(proc)
