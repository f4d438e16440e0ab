"""Events from one attribute compared with the device's previous value: ignitionOn/Off,
driverChanged, deviceFuelDrop/Increase, commandResult, media (Traccar's semantics; fuel with a
time window and one event per refuel or drop however many fixes it spans)."""

from __future__ import annotations

from typing import Any

from fleetwire.worker.logic.config import LogicConfig
from fleetwire.worker.logic.model import NUMBER, Fix, Outputs, event


def ignition(s: dict[str, Any], fix: Fix, out: Outputs) -> None:
    ign = fix.attrs.get("ignition")
    if not isinstance(ign, bool):
        return
    prev = s.get("ign")
    s["ign"] = ign
    if prev is not None and prev != ign:
        out.events.append(event(fix.device_id, "ignitionOn" if ign else "ignitionOff", fix.time,
                                fix.id))  # fmt: skip


def driver(s: dict[str, Any], fix: Fix, out: Outputs) -> None:
    uid = fix.attrs.get("driverUniqueId")
    if uid is None or uid == "":
        return
    uid = str(uid)
    if s.get("drv") != uid:
        s["drv"] = uid
        out.events.append(event(fix.device_id, "driverChanged", fix.time, fix.id, uid,
                                driverUniqueId=uid))  # fmt: skip


def command_result(fix: Fix, out: Outputs) -> None:
    result = fix.attrs.get("result")
    if isinstance(result, str):
        out.events.append(event(fix.device_id, "commandResult", fix.time, fix.id, result=result))


def media(fix: Fix, out: Outputs) -> None:
    for kind in ("image", "video", "audio"):
        name = fix.attrs.get(kind)
        if isinstance(name, str) and name:
            out.events.append(event(fix.device_id, "media", fix.time, fix.id, kind,
                                    media=kind, file=name))  # fmt: skip


def fuel(f: dict[str, Any], fix: Fix, cfg: LogicConfig, out: Outputs) -> float | None:
    """Fuel events and the fuel-used accumulator (litres) that trips and stops difference:
    the device's `fuelUsed` when given, else the sum of level decreases (a refuel adds nothing,
    so spent fuel is never negative). Returns the accumulator, None when the device reports no
    fuel."""
    level = fix.attrs.get("fuel")
    used = fix.attrs.get("fuelUsed")
    if isinstance(level, NUMBER) and not isinstance(level, bool):
        level = float(level)
        prev = f.get("lvl")
        if prev is not None and level < prev and not isinstance(used, NUMBER):
            f["acc"] = f.get("acc", 0.0) + (prev - level)
        f["lvl"] = level
        _fuel_events(f, fix, level, cfg, out)
    if isinstance(used, NUMBER) and not isinstance(used, bool):
        f["acc"] = float(used)
    acc = f.get("acc")
    return None if acc is None and "lvl" not in f else float(acc or 0.0)


def _fuel_events(f: dict[str, Any], fix: Fix, level: float, cfg: LogicConfig,
                 out: Outputs) -> None:  # fmt: skip
    if not (cfg.fuel_drop or cfg.fuel_increase):
        return
    win: list[list[Any]] = [w for w in f.get("win", []) if fix.time - w[0] <= cfg.fuel_window * 1e3]
    ep = f.get("ep")  # an open episode: [type, start time, position id, before, after]
    if ep is not None:
        rising = ep[0] == "deviceFuelIncrease"
        if (level > ep[4]) if rising else (level < ep[4]):
            ep[4] = level  # still filling (or draining): the same event, updated
            out.events.append(fuel_event(fix.device_id, ep))
        else:
            f.pop("ep")
            win = []
    elif win:
        low = min(w[1] for w in win)
        high = max(w[1] for w in win)
        if cfg.fuel_increase and level - low >= cfg.fuel_increase:
            start = next(w for w in win if w[1] == low)
            ep = f["ep"] = ["deviceFuelIncrease", int(start[0]), int(start[2]), low, level]
        elif cfg.fuel_drop and high - level >= cfg.fuel_drop:
            start = next(w for w in win if w[1] == high)
            ep = f["ep"] = ["deviceFuelDrop", int(start[0]), int(start[2]), high, level]
        if ep is not None:
            out.events.append(fuel_event(fix.device_id, ep))
    win.append([fix.time, level, fix.id])
    f["win"] = win


def fuel_event(dev: int, ep: list[Any]) -> Any:
    return event(dev, ep[0], ep[1], ep[2], before=ep[3], after=ep[4])
