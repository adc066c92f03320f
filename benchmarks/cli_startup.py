#!/usr/bin/env python3
"""Start-up cost of the command line, before and after a change (e.g. argparse → typer).

Installs two revisions of owabilint into fresh virtual environments the way a user does
(``pip install .`` from a ``git worktree``: bytecode compiled, nothing editable) and
times ``--version``, ``--help`` and one draft (``--format text`` and the rich report
on a pseudo-terminal) for both, in alternation (A B A B …) so that machine load hits
both alike. Prints a Markdown table of medians (wall clock, and CPU
time, which machine load disturbs less).

    python3 benchmarks/cli_startup.py BEFORE_REV [AFTER_REV] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Command, median, run_group

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "samples" / "ng" / "emotional.txt"


def install(rev: str, work: Path) -> Path:
    tree = work / f"src-{rev}"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev], check=True, capture_output=True
    )
    venv = work / f"venv-{rev}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(tree)], check=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    return venv / "bin" / "owabilint"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after", nargs="?", default="HEAD")
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="owb-startup-") as tmp:
        work = Path(tmp)
        env = {"OWABILINT_CACHE_DIR": str(work / "cache")}
        exe = {label: install(rev, work) for label, rev in (("before", a.before), ("after", a.after))}
        cases = [
            ("`owabilint --version`", ["--version"], False),
            ("`owabilint --help`", ["--help"], False),
            ("one draft: `owabilint --format text`", ["--format", "text", str(DRAFT)], False),
            ("one draft: `owabilint` (rich report on a terminal)", [str(DRAFT)], True),
        ]
        load_before = os.getloadavg()[0]
        rows = []
        for name, args, tty in cases:
            group = [Command(f"{label} {name}", [str(path), *args], tty=tty, env=env) for label, path in exe.items()]
            run_group(group, a.runs, warmup=2)
            rows.append(
                (
                    name,
                    *(median([s.wall for s in c.samples]) for c in group),
                    *(median([s.cpu for s in c.samples]) for c in group),
                )
            )
        load_after = os.getloadavg()[0]
    print(f"{a.before} → {a.after}, {a.runs} runs each, load (1 min) {load_before:.2f}→{load_after:.2f}\n")
    print("| case | before: wall s | after: wall s | wall difference | before: CPU s | after: CPU s | CPU difference |")
    print("|---|---|---|---|---|---|---|")
    for name, before, after, cpu_before, cpu_after in rows:
        print(
            f"| {name} | {before:.3f} | {after:.3f} | {after - before:+.3f} "
            f"| {cpu_before:.3f} | {cpu_after:.3f} | {cpu_after - cpu_before:+.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
