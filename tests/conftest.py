from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run ``python -m owabilint`` as a user would; returns the CompletedProcess."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "owabilint", *args],
        input=data,
        capture_output=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )


def run_json(*args: str, stdin: str | None = None, cwd: Path | None = None) -> tuple[int, dict]:
    proc = run_cli("--format", "json", *args, stdin=stdin, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture
def cli():
    return run_cli
