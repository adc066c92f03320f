#!/usr/bin/env python3
"""One draft as a whole process, before and after a change, against the floor.

Installs two revisions of owabilint into fresh virtual environments the way a user does
(see cli_startup.py), generates the benchmark's one-draft input (gen_inputs.py,
``single.txt``), fills each revision's caches with one run, then times the floor
(floor.py), the revision before and the revision after, in alternation (floor, before,
after, floor, …), each ``owabilint --format text single.txt`` as run.py does. Prints the
medians of wall-clock and CPU time (user + system), their ratios to the floor's, and the
1-minute load average before and after.

    python3 benchmarks/one_draft.py BEFORE_REV [AFTER_REV] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cli_startup import install
from measure import Command, median, run_group


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after", nargs="?", default="HEAD")
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="owb-one-draft-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [sys.executable, str(HERE / "gen_inputs.py"), str(work / "inputs")], check=True, capture_output=True
        )
        draft = str(work / "inputs" / "single.txt")
        exe = {label: install(rev, work) for label, rev in (("before", a.before), ("after", a.after))}
        python = str(exe["before"].parent / "python")
        group = [Command("floor", [python, str(HERE / "floor.py"), draft])]
        for label, path in exe.items():
            env = {"OWABILINT_CACHE_DIR": str(work / f"cache-{label}")}
            group.append(Command(label, [str(path), "--format", "text", draft], env=env))
        load_before = os.getloadavg()[0]
        run_group(group, a.runs, warmup=2)  # the first warm-up run fills the caches
        load_after = os.getloadavg()[0]
    floor_wall = median([s.wall for s in group[0].samples])
    floor_cpu = median([s.cpu for s in group[0].samples])
    print(f"{a.before} → {a.after}, {a.runs} runs each, load (1 min) {load_before:.2f}→{load_after:.2f}\n")
    print("| command | wall s | CPU s | wall / floor | CPU / floor |")
    print("|---|---|---|---|---|")
    for cmd in group:
        wall, cpu = median([s.wall for s in cmd.samples]), median([s.cpu for s in cmd.samples])
        print(f"| {cmd.name} | {wall:.3f} | {cpu:.3f} | {wall / floor_wall:.2f} | {cpu / floor_cpu:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
