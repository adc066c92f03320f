#!/usr/bin/env python3
"""Time whole processes: wall seconds, CPU seconds and peak RSS, from os.wait4.

Library use (run.py): ``run_group(commands, runs, warmup)`` runs every command of a group
once per round, round after round (A B C A B C ...), so that a change in machine load
hits all of them alike, and returns the samples per command.

Command line: ``measure.py [-n RUNS] [--tty] -- COMMAND [ARG ...]`` prints min / median / max.
Standard library only; Linux (os.wait4, ru_maxrss in KiB).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Sample:
    wall: float  # seconds, monotonic clock from spawn to reap
    cpu: float  # user + system seconds of the process and the children it waited for
    peak_mib: float  # largest resident set of one process (ru_maxrss), not a sum
    rc: int


@dataclass
class Command:
    name: str
    argv: list[str]
    tty: bool = False  # stdout is a pseudo-terminal (for the rich report on a terminal)
    env: dict[str, str] | None = None
    timeout: float = 3600.0
    before: Callable[[], None] | None = None  # runs before each start, not timed
    samples: list[Sample] = field(default_factory=list)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(cmd: Command) -> Sample | None:
    if cmd.before is not None:
        cmd.before()
    env = {**os.environ, **(cmd.env or {})}
    master = slave = None
    reader = None
    if cmd.tty:
        master, slave = os.openpty()
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
    out = slave if slave is not None else subprocess.DEVNULL
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(cmd.timeout, kill)
    timer.start()
    _, status, ru = os.wait4(proc.pid, 0)  # blocks: no polling that would steal CPU
    timer.cancel()
    wall = time.monotonic() - t0
    for fd in (slave, master):
        if fd is not None:
            os.close(fd)
    if reader is not None:
        reader.join(timeout=2)
    if timed_out.is_set():
        return None
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # anything the command left behind
    except (ProcessLookupError, PermissionError):
        pass
    return Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, proc.returncode)


def run_group(commands: list[Command], runs: int, warmup: int = 1, progress=None) -> list[Command]:
    for _ in range(warmup):
        for cmd in commands:
            run_once(cmd)
    for i in range(runs):
        for cmd in commands:
            sample = run_once(cmd)
            if sample is not None:
                cmd.samples.append(sample)
            if progress:
                progress(
                    f"{cmd.name} run {i + 1}/{runs}: "
                    + (f"{sample.wall:.3f} s {sample.peak_mib:.0f} MiB rc={sample.rc}" if sample else "timeout")
                )
    return commands


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description="Time a whole process (wall, cpu, peak RSS).")
    ap.add_argument("-n", type=int, default=5, help="measured runs (default 5)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--tty", action="store_true", help="stdout is a pseudo-terminal")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    argv = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not argv:
        ap.error("no command")
    cmd = Command("cmd", argv, tty=a.tty)
    run_group([cmd], a.n, a.warmup)
    for label, values, fmt in (
        ("wall s", [s.wall for s in cmd.samples], "{:.3f}"),
        ("cpu s", [s.cpu for s in cmd.samples], "{:.3f}"),
        ("peak MiB", [s.peak_mib for s in cmd.samples], "{:.1f}"),
    ):
        print(
            f"{label:<9} min {fmt.format(min(values))}  median {fmt.format(median(values))}"
            f"  max {fmt.format(max(values))}"
        )
    print("exit codes", sorted({s.rc for s in cmd.samples}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
