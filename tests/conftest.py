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
        check=False,
    )


def run_json(*args: str, stdin: str | None = None, cwd: Path | None = None) -> tuple[int, dict]:
    proc = run_cli("--format", "json", *args, stdin=stdin, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout.decode("utf-8"))


def modules_loaded_by_cli(commands: list[list[str]], modules: tuple[str, ...]) -> tuple[str, list[str]]:
    """Run ``owabilint`` in-process in a fresh interpreter for each argument list.

    Returns what it printed and which of ``modules`` it imported: start-up must stay light.
    """
    code = (
        "import json, sys\n"
        "from owabilint.cli import app\n"
        f"for args in {commands!r}:\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
        f"print('LOADED', json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    out, _, loaded = proc.stdout.rpartition("LOADED ")
    return out, json.loads(loaded)


@pytest.fixture
def cli():
    return run_cli
