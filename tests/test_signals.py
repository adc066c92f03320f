"""Ctrl-C and SIGTERM: the conventional exit status, quietly: no traceback, no orphan, no leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from test_parallel import make_batch

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")


def _interrupt(tmp_path, sig: int, *, group: bool, jobs: str, fix: bool = False) -> tuple[int, str, list[str]]:  # type: ignore[no-untyped-def]
    paths = make_batch(tmp_path, copies=40)
    extra = ["--fix"] if fix else []
    # Ctrl-C reaches the child as it reaches a terminal's foreground job: a test run
    # started as a shell's background job ignores SIGINT, and a child inherits an
    # ignored signal (a handled one is back to its default after exec).
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "owabilint", "--format", "text", "--jobs", jobs, *extra, *paths],
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, as a terminal gives a foreground job
        )
    finally:
        signal.signal(signal.SIGINT, ignored)
    time.sleep(2.5)  # started, workers busy
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    if group:
        os.killpg(proc.pid, sig)  # what Ctrl-C in a terminal does
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    try:
        os.killpg(proc.pid, 0)
        survivors = True
    except ProcessLookupError:
        survivors = False
    assert not survivors, "a worker outlived the run"
    return proc.returncode, err.decode("utf-8", "replace"), leftovers


@pytest.mark.parametrize(("jobs", "fix"), [("1", False), ("2", False), ("1", True)], ids=["serial", "jobs-2", "fix"])
def test_ctrl_c_exits_130_quietly(tmp_path, jobs: str, fix: bool) -> None:
    code, err, leftovers = _interrupt(tmp_path, signal.SIGINT, group=True, jobs=jobs, fix=fix)
    assert code == 130, err
    assert err == "", err
    assert leftovers == []


def test_sigterm_of_the_parent_exits_143_and_stops_the_workers_quietly(tmp_path) -> None:
    code, err, leftovers = _interrupt(tmp_path, signal.SIGTERM, group=False, jobs="2")
    assert code == 143, err
    assert err == "", err  # no BrokenPipe tracebacks from the workers
    assert leftovers == []
