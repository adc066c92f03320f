"""--jobs: a worker that dies (OOM killer, kill -9) costs an error line for its file, never a hang."""

from __future__ import annotations

import os
import signal

import pytest
from test_parallel import make_batch

from owabilint import runner
from owabilint.engine import Settings
from owabilint.ruleset.loader import builtin_rules

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs fork and SIGALRM")


def _give_up(_signum, _frame):  # type: ignore[no-untyped-def]
    raise TimeoutError("the run hung after a worker died")


def test_a_killed_worker_is_reported_and_the_run_ends(tmp_path, monkeypatch) -> None:
    paths = make_batch(tmp_path)
    poison = paths[3]
    rules, settings = builtin_rules(), Settings()
    serial = runner.run_plan([(p, rules, settings) for p in paths], workers=1)
    real = runner._run_job

    def run_or_die(job, read):  # type: ignore[no-untyped-def]
        if job[0] == poison:
            os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
        return real(job, read)

    monkeypatch.setattr(runner, "_run_job", run_or_die)
    previous = signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(90)
    try:
        report = runner.run_plan([(p, rules, settings) for p in paths], workers=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [f.path for f in report.files] == paths
    failed = [f for f in report.files if f.error]
    assert [f.path for f in failed] == [poison]
    assert "作業プロセスが異常終了しました" in failed[0].error
    for got, expected in zip(report.files, serial.files, strict=True):
        if got.path != poison:
            assert got.diagnostics == expected.diagnostics and got.error is None
