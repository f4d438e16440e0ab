"""The command line as an operator uses it: `fleetwire decode`, configuration precedence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from fleetwire.config import load

# Teltonika wiki, "Teltonika Data Sending Protocols", Codec 8 example 1 (one record, 2019-06-10)
CODEC8 = (
    "000000000000003608010000016B40D8EA30010000000000000000000000000000000105021503010101425E0F01"
    "F10000601A014E0000000000000000010000C7CF"
)
IMEI_PACKET = "000F333536333037303432343431303133"  # same document, the IMEI handshake example


def decode(protocol: str, stdin: str, *args: str) -> tuple[int, list[dict[str, object]]]:
    out = subprocess.run(
        [sys.executable, "-m", "fleetwire", "decode", protocol, *args],
        input=stdin.encode(), capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    return out.returncode, [orjson.loads(line) for line in out.stdout.splitlines()]


def test_decode_hex_lines_as_one_connection() -> None:
    code, rows = decode(
        "teltonika", f"{IMEI_PACKET}\n{CODEC8}\nzz-not-hex\n{CODEC8[:-4]}0000\n", "--hex"
    )
    assert code == 0
    assert rows[0]["frame"] == 2 and rows[0]["device"] == "356307042441013"
    assert rows[0]["time"] == "2019-06-10T10:04:46.000Z"
    attrs = rows[0]["attributes"]
    assert isinstance(attrs, dict)
    # the wiki lists the IO values of this record: 21 (GSM signal) = 3, 1 (DIN1) = 1, 66 = 24079 mV
    assert (attrs["rssi"], attrs["in1"], attrs["power"]) == (3, True, 24.079)
    assert rows[1]["frame"] == 3 and "error" in rows[1]
    assert rows[2]["frame"] == 4 and "Checksum" in str(rows[2]["error"])


def test_decode_says_which_record_fails_the_sanity_check() -> None:
    """Codec 8 example 3 (two records) with its first record dated 2099: the line of an error
    naming the record, the field and the value, then the sane record."""
    from tests.protocols.teltonika.vectors import C8_EXAMPLE3_FIRST_IN_2099

    code, rows = decode("teltonika", f"{C8_EXAMPLE3_FIRST_IN_2099.hex()}\n", "--hex")
    assert code == 0
    assert rows[0]["frame"] == 1
    assert str(rows[0]["error"]).startswith(
        "InvalidRecord: record 1 of 2: fix time 2099-01-01T00:00:00+00:00 over a day after"
    )
    assert rows[1]["frame"] == 1 and rows[1]["time"] == "2019-06-10T10:01:19.000Z"
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("protocol", "line", "latitude"),
    [
        # Traccar's SuntechProtocolDecoderTest: the report's closing CR lost to the line split
        ("suntech", "SA200STT;317652;042;20120718;15:37:12;16d41;-15.618755;-056.083241;000.024;"
         "000.00;8;1;41548;12.17;100000;2;1979", -15.618755),
        # Traccar's TotemProtocolDecoderTest: the CR LF the length and CRC leave out, lost too
        ("totem", "$$B2356895037578518|AA$GPRMC,203823.000,A,3740.3285,N,02129.9295,E,0.00,,"
         "111113,,,A*79|01.5|01.0|01.1|000000000000|20131111203823|14041251|00000000|002E0DD7|"
         "0000|0.0000|6371|3824", 37.67214166666667),
    ],
)  # fmt: skip
def test_decode_restores_the_terminator_a_text_line_lost(
    protocol: str, line: str, latitude: float
) -> None:
    """A text report pasted or piped as a line has lost its CR / CR LF: the frame the device
    sent is the line with the terminator its framer wants, as the gateway would have it."""
    code, rows = decode(protocol, line + "\n")
    assert code == 0 and len(rows) == 1, rows
    assert rows[0]["latitude"] == pytest.approx(latitude)


def test_decode_unknown_protocol_is_a_clear_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "fleetwire", "decode", "nope"],
        input=b"", capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode != 0 and b"unknown protocol" in out.stderr


def test_config_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "fleetwire.toml"
    cfg.write_text(
        'data_dir = "/srv/fleetwire"\n[api]\nport = 9000\n[gateway]\nidle_timeout = 60\n'
        "[protocols.gt06]\nport = 6023\n"
    )
    monkeypatch.setenv("FLEETWIRE_API__PORT", "9100")
    monkeypatch.delenv("FLEETWIRE_CONFIG", raising=False)
    s = load(cfg)
    assert s.data_dir == Path("/srv/fleetwire")
    assert s.api.port == 9100  # environment beats the file
    assert s.gateway.idle_timeout == 60
    assert s.protocol("gt06").port == 6023
    assert s.protocol("teltonika").port is None  # the protocol's default port
    os.environ.pop("FLEETWIRE_CONFIG", None)


def test_defaults_need_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("FLEETWIRE_"):
            monkeypatch.delenv(key)
    s = load()
    assert (s.api.host, s.api.port, s.data_dir) == ("127.0.0.1", 8082, Path("data"))
    assert s.gateway.idle_timeout == 1800
    assert s.worker.future_skew == 600


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ("x = [\n", {}, b"bad configuration file"),
        ('[api]\nport = "x"\n', {}, b"api.port"),
        ("", {"FLEETWIRE_PROTOCOLS__GT06__TIMEZONE": "20"}, b"protocols.gt06.timezone"),
    ],
)
def test_bad_configuration_is_one_clear_line(
    tmp_path: Path, toml: str, env: dict[str, str], message: bytes
) -> None:
    cfg = tmp_path / "fleetwire.toml"
    cfg.write_text(toml)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FLEETWIRE_")}
    out = subprocess.run(
        [sys.executable, "-m", "fleetwire", "worker", "--config", str(cfg)],
        env={**environ, **env}, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.startswith(b"Error: ") and message in out.stderr
    assert b"Traceback" not in out.stderr


def test_time_zone_zero_is_utc_not_the_protocols_default(tmp_path: Path) -> None:
    # JT/T 808 devices report GMT+8 by the standard; a fleet that set its devices to UTC says 0
    from fleetwire.config import ProtocolSettings, Settings
    from fleetwire.worker.loop import device_options

    s = Settings(data_dir=tmp_path, protocols={"jt808": ProtocolSettings(timezone=0)})
    assert device_options(s)(1, "jt808") == {"timezone": 0}
    assert device_options(s)(1, "gt06") == {}  # unset: the protocol's own default


def _xirgo_attributes(tmp_path: Path, toml: str) -> dict[str, object]:
    """The attributes the worker stores for one Xirgo report under this configuration."""
    import sqlite3
    import time

    from fleetwire.rawlog.base import RawEntry
    from fleetwire.rawlog.sqlite import SqliteRawLogWriter
    from fleetwire.store.registry import SqliteRegistry
    from fleetwire.worker.loop import Worker
    from tests.protocols.xirgo import vectors

    data = tmp_path / "data"
    tmp_path.mkdir()
    cfg = tmp_path / "fleetwire.toml"
    cfg.write_text(f'data_dir = "{data}"\n' + toml)
    settings = load(cfg)
    reg = SqliteRegistry(settings.registry_path)
    dev = reg.resolve([("183900034", "xirgo")], register=True)["183900034"]
    reg.close()
    assert dev is not None
    writer = SqliteRawLogWriter(settings.rawlog_path)
    frame = vectors.FORM_A_4002  # traccar XirgoProtocolDecoderTest, with its configured form
    writer.append([RawEntry(dev.id, "xirgo", "tcp", time.time_ns() // 1000, 1, "p", frame)])
    writer.close()
    worker = Worker(settings)
    assert worker.step() == 1
    worker.close()
    tel = sqlite3.connect(settings.telemetry_path)
    rows = tel.execute("SELECT attributes FROM positions").fetchall()
    tel.close()
    assert len(rows) == 1
    attributes: dict[str, object] = orjson.loads(rows[0][0])
    return attributes


def test_decode_options_reach_the_decoder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a Xirgo unit with a custom message format says which fields it sends, from the TOML file;
    # read by the built-in layout the same report has a GPS status of 2 and an odometer field
    monkeypatch.delenv("FLEETWIRE_CONFIG", raising=False)
    for key in [k for k in os.environ if k.startswith("FLEETWIRE_")]:
        monkeypatch.delenv(key)
    from tests.protocols.xirgo import vectors

    form = f'[protocols.xirgo.decode]\nform = "{vectors.FORM_A}"\n'
    configured = _xirgo_attributes(tmp_path / "form", form)
    assert configured["gps"] == 3 and configured["power"] == 13.291
    assert "odometer" not in configured  # FORM_A has no MI field
    default = _xirgo_attributes(tmp_path / "default", "")
    assert default["gps"] == 2 and "odometer" in default


def test_decode_restores_a_protocols_own_end_mark() -> None:
    """GoSafe messages end with '#', which Traccar's GoSafeProtocolDecoderTest captures often
    lack (its frame decoder strips it): the line is taken with its '#' restored."""
    line = (
        "*GS16,351535058709775,100356130215,,SYS:G79W;V1.06;V1.0.2,GPS:A;6;N24.802700;"
        "E46.616828;0;0;684;1.35,COT:60,ADC:4.31;0.10,DTT:20000;;0;0;0;1"
    )
    code, rows = decode("gosafe", line + "\n")
    assert code == 0 and len(rows) == 1, rows
    assert rows[0]["latitude"] == pytest.approx(24.8027)
