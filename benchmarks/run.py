#!/usr/bin/env python3
"""owabilint's benchmark: one command from nothing to the table in benchmarks/README.md.

    python3 benchmarks/run.py                  # everything (~50 min: textlint is slow)
    python3 benchmarks/run.py --peer cached    # owabilint and the floor now, textlint's last numbers
    python3 benchmarks/run.py --only peer      # textlint only (run it early, e.g. under nice)
    python3 benchmarks/run.py --peer-large skip --runs 5

Steps: generate the inputs (gen_inputs.py), install owabilint from this checkout into a
fresh venv as a user would (``pip install .``: bytecode compiled, nothing editable),
install textlint with textlint-rule-preset-ja-technical-writing and
textlint-rule-preset-japanese into a scratch npm folder, then time whole processes
(measure.py: wall, CPU, peak RSS via os.wait4). The commands of one comparison run in
alternation (A B C A B C ...) so a change in machine load hits all of them; medians and
min–max are reported, and every ratio is taken between numbers of the same run.

Raw results go to WORK/results-*.json (default WORK: $TMPDIR/owabilint-bench); the table,
the machine description and a profile of the one-draft run replace the part of
benchmarks/README.md between the ``results`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from measure import Command, Sample, run_group
from phases import phase_cases, phase_table, phase_value

NPM_PACKAGES = ["textlint", "textlint-rule-preset-ja-technical-writing", "textlint-rule-preset-japanese"]
TEXTLINTRC = {"rules": {"preset-ja-technical-writing": True, "preset-japanese": True}}
MARK_START = "<!-- results:start -->"
MARK_END = "<!-- results:end -->"


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def sh(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, **kwargs)


# ---------------------------------------------------------------------- setup
def make_inputs(work: Path) -> Path:
    inputs = work / "inputs"
    sh([sys.executable, str(HERE / "gen_inputs.py"), str(inputs)], stdout=subprocess.DEVNULL)
    return inputs


def install_owabilint(work: Path, reinstall: bool) -> Path:
    """A venv with owabilint installed from this checkout, as a user installs it."""
    venv = work / "venv"
    py = str(venv / "bin" / "python")
    if not (venv / "bin" / "owabilint").exists():
        log(f"creating {venv} and installing owabilint from this checkout (pip install .)")
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([py, "-m", "pip", "install", "-q", str(REPO)])
    elif reinstall:
        log("reinstalling owabilint from this checkout (pip install .)")
        sh([py, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(REPO)])
        sh([py, "-m", "pip", "install", "-q", str(REPO)])
    return venv


def install_peer(work: Path) -> Path:
    peer = work / "peer"
    peer.mkdir(parents=True, exist_ok=True)
    if not (peer / "package.json").exists():
        sh(["npm", "init", "-y"], cwd=peer, stdout=subprocess.DEVNULL)
    if not all((peer / "node_modules" / name).is_dir() for name in NPM_PACKAGES):
        log("installing textlint and both presets with npm")
        sh(["npm", "install", "--no-audit", "--no-fund", *NPM_PACKAGES], cwd=peer, stdout=subprocess.DEVNULL)
    (peer / ".textlintrc.json").write_text(json.dumps(TEXTLINTRC, indent=2), encoding="utf-8")
    return peer


def output_of(argv: list[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, timeout=60, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine(venv: Path | None, peer: Path | None) -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": f"{platform.system()} {platform.release()}"}
    if venv:
        py = str(venv / "bin" / "python")
        info["python"] = output_of([py, "--version"])
        info["sudachi"] = output_of(
            [
                py,
                "-c",
                (
                    "import importlib.metadata as m; print('sudachipy', m.version('sudachipy'), "
                    "'sudachidict-core', m.version('sudachidict-core'))"
                ),
            ]
        )
        info["owabilint"] = output_of([str(venv / "bin" / "owabilint"), "--version"])
        info["owabilint_rules"] = output_of(
            [py, "-c", "from owabilint.ruleset.loader import builtin_rules; print(len(builtin_rules()))"]
        )
    if peer:
        info["node"] = output_of(["node", "--version"])
        info["textlint"] = output_of([str(peer / "node_modules" / ".bin" / "textlint"), "--version"])
    return info


# ---------------------------------------------------------------------- measuring
def summary(samples: list[Sample]) -> dict:
    walls = [s.wall for s in samples]
    return {
        "runs": len(samples),
        "wall": statistics.median(walls) if walls else None,
        "wall_min": min(walls) if walls else None,
        "wall_max": max(walls) if walls else None,
        "cpu": statistics.median([s.cpu for s in samples]) if samples else None,
        "peak_mib": statistics.median([s.peak_mib for s in samples]) if samples else None,
        "exit_codes": sorted({s.rc for s in samples}),
    }


def measure(group: str, commands: list[Command], runs: int, warmup: int, results: dict) -> None:
    load = os.getloadavg()
    log(f"{group}: {', '.join(c.name for c in commands)} × {runs} (load {load[0]:.2f})")
    run_group(commands, runs, warmup, progress=lambda m: log(f"  {m}"))
    for cmd in commands:
        results["cases"][f"{group}/{cmd.name}"] = {
            **summary(cmd.samples),
            "argv": cmd.argv,
            "samples": [[round(s.wall, 4), round(s.cpu, 4), round(s.peak_mib, 1)] for s in cmd.samples],
        }
    results["load"].append([group, round(load[0], 2), round(os.getloadavg()[0], 2)])


def owabilint_cases(venv: Path, inputs: Path, args: argparse.Namespace, results: dict) -> None:
    py = str(venv / "bin" / "python")
    owb = str(venv / "bin" / "owabilint")
    floor = [py, str(HERE / "floor.py")]
    env = {"OWABILINT_CACHE_DIR": str(Path(args.work) / "cache")}
    single, drafts = str(inputs / "single.txt"), str(inputs / "drafts")
    large, large_small = str(inputs / "large.txt"), str(inputs / "large_100k.txt")
    runs = args.runs

    def c(name: str, argv: list[str], tty: bool = False) -> Command:
        return Command(name, argv, tty=tty, env=env)

    measure(
        "startup",
        [c("python", [py, "-c", "pass"]), c("version", [owb, "--version"]), c("help", [owb, "--help"])],
        runs * 2,
        1,
        results,
    )
    cold_dir = Path(args.work) / "cold-cache"
    cold = Command(
        "owabilint-text-cold-cache",
        [owb, "--format", "text", single],
        env={"OWABILINT_CACHE_DIR": str(cold_dir)},
        before=lambda: shutil.rmtree(cold_dir, ignore_errors=True),
    )
    measure(
        "single",
        [
            c("floor", [*floor, single]),
            c("owabilint-text", [owb, "--format", "text", single]),
            c("owabilint-rich-tty", [owb, single], tty=True),
            cold,
        ],
        runs * 2,
        1,
        results,
    )
    measure(
        "drafts",
        [
            c("floor", [*floor, drafts]),
            c("owabilint-jobs1", [owb, "--format", "text", "--jobs", "1", drafts]),
            c("owabilint-jobs-default", [owb, "--format", "text", drafts]),
        ],
        runs,
        1,
        results,
    )
    measure(
        "large",
        [
            c("floor", [*floor, large]),
            c("owabilint", [owb, "--format", "text", large]),
            c("floor-100k", [*floor, large_small]),
            c("owabilint-100k", [owb, "--format", "text", large_small]),
        ],
        max(3, runs // 2),
        1,
        results,
    )
    if args.huge == "run":  # about a minute a run: once each (the cache is warm from the groups above)
        huge = str(inputs / "large_10m.txt")
        owb_huge = [owb, "--format", "text", "--max-bytes", "0", huge]
        measure("huge", [c("floor", [*floor, huge]), c("owabilint", owb_huge)], 1, 0, results)


def peer_cases(peer: Path, inputs: Path, args: argparse.Namespace, results: dict) -> None:
    tl = [str(peer / "node_modules" / ".bin" / "textlint"), "-c", str(peer / ".textlintrc.json")]

    def c(name: str, argv: list[str]) -> Command:
        return Command(name, argv, timeout=3600)

    measure("single", [c("textlint", [*tl, str(inputs / "single.txt")])], args.runs, 1, results)
    measure("drafts", [c("textlint", [*tl, str(inputs / "drafts")])], args.peer_runs, 0, results)
    if args.peer_large == "run":
        measure("large", [c("textlint", [*tl, str(inputs / "large.txt")])], 1, 0, results)


# ---------------------------------------------------------------------- profile
def profile_single(venv: Path, inputs: Path, work: Path) -> dict:
    """Where the one-draft run spends its time: import times and a cProfile of the run."""
    py = str(venv / "bin" / "python")
    env = {**os.environ, "OWABILINT_CACHE_DIR": str(work / "cache")}
    single = str(inputs / "single.txt")
    run_cli = (
        "import sys; from owabilint.cli import run; sys.argv = ['owabilint', '--format', 'text', sys.argv[1]]; run()"
    )
    proc = subprocess.run(
        [py, "-X", "importtime", "-c", run_cli, single], capture_output=True, text=True, env=env, check=False
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|")
        rows.append((int(cumulative), int(self_us), name.rstrip()[1:]))
    top_level = sorted(((c, s, n) for c, s, n in rows if not n.startswith(" ")), reverse=True)
    prof = work / "single.prof"
    code = (
        "import cProfile, pstats, sys\n"
        "from owabilint.cli import run\n"
        "out = sys.argv[2]\n"
        "sys.argv = ['owabilint', '--format', 'text', sys.argv[1]]\n"
        "pr = cProfile.Profile(); pr.enable()\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "pr.disable(); pr.dump_stats(out)\n"
    )
    subprocess.run([py, "-c", code, single, str(prof)], capture_output=True, env=env, check=False)
    cprofile = subprocess.run(
        [py, "-c", "import pstats, sys; pstats.Stats(sys.argv[1]).sort_stats('cumulative').print_stats(28)", str(prof)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    lines = [ln for ln in cprofile.splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("ncalls")), 0)
    return {
        "importtime_top": [[n.strip(), c, s] for c, s, n in top_level[:15]],
        "modules": len(rows),
        "cprofile": "\n".join(ln.replace(str(venv), "VENV").replace(str(REPO), "REPO") for ln in lines[start:]),
    }


# ---------------------------------------------------------------------- report
def fmt_s(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def row(results: dict, key: str, label: str) -> str | None:
    case = results["cases"].get(key)
    if not case or not case["runs"]:
        return None
    return (
        f"| {label} | {fmt_s(case['wall'])} | {fmt_s(case['wall_min'])}–{fmt_s(case['wall_max'])} | "
        f"{fmt_s(case['cpu'])} | {case['peak_mib']:.0f} | {case['runs']} |"
    )


def ratio(results: dict, a: str, b: str, field: str = "wall") -> float | None:
    ca, cb = results["cases"].get(a), results["cases"].get(b)
    if not ca or not cb or not ca.get(field) or not cb.get(field):
        return None
    return ca[field] / cb[field]


def targets(owb: dict, peer: dict) -> list[str]:
    both = {"cases": {**owb["cases"], **{f"peer:{k}": v for k, v in peer.get("cases", {}).items()}}}
    out = []

    def check(label: str, a: str, b: str | None, limit: float, better: str, field: str = "wall") -> None:
        if b is None:  # an absolute wall time
            case = both["cases"].get(a)
            value, cpu = (case["wall"], case["cpu"]) if case else (None, None)
        else:
            value, cpu = ratio(both, a, b, field), (ratio(both, a, b, "cpu") if field == "wall" else None)
        if value is None:
            out.append(f"| {label} | not measured | | {better} {limit:g} | – |")
            return
        ok = value <= limit if better == "≤" else value >= limit
        cpu_text = f"{cpu:.2f}" if cpu is not None else ""
        out.append(f"| {label} | {value:.2f} | {cpu_text} | {better} {limit:g} | {'met' if ok else '**not met**'} |")

    check("one draft, text: owabilint / floor", "single/owabilint-text", "single/floor", 1.5, "≤")
    check("one draft: textlint / owabilint", "peer:single/textlint", "single/owabilint-text", 8, "≥")
    check("one draft, rich on a terminal: owabilint / floor", "single/owabilint-rich-tty", "single/floor", 1.8, "≤")
    check("1,000 drafts, one process: owabilint / floor", "drafts/owabilint-jobs1", "drafts/floor", 2, "≤")
    check(
        "1,000 drafts: textlint / owabilint with --jobs default (throughput)",
        "peer:drafts/textlint",
        "drafts/owabilint-jobs-default",
        20,
        "≥",
    )
    check("1 MB file: owabilint / floor", "large/owabilint", "large/floor", 2, "≤")
    check("one draft, text: owabilint / floor (term index target)", "single/owabilint-text", "single/floor", 3, "≤")
    check(
        "1,000 drafts, one process: owabilint / floor (term index target)",
        "drafts/owabilint-jobs1",
        "drafts/floor",
        2.5,
        "≤",
    )
    relint = phase_value(owb, "current", "2000", "relint_over_sudachi")
    out.append(
        "| warm re-lint of a 2,000-character draft, in-process: lint_text / Sudachi tokenize-and-read (CPU) "
        f"| | {relint:.2f} | ≤ 3 | {'met' if relint <= 3 else '**not met**'} |"
        if relint is not None
        else "| warm re-lint of a 2,000-character draft, in-process (CPU) | not measured | | ≤ 3 | – |"
    )
    edit = phase_value(owb, "current", "2000", "edit_over_sudachi")
    out.append(
        "| re-lint of the 2,000-character draft after a one-sentence edit, as the language server and "
        f"the review page do: lint_text / Sudachi tokenize-and-read (CPU) | | {edit:.2f} | ≤ 3 | "
        f"{'met' if edit <= 3 else '**not met**'} |"
        if edit is not None
        else "| re-lint after a one-sentence edit (CPU) | not measured | | ≤ 3 | – |"
    )
    check("1 MB / 100 KB (9.8× the text): owabilint", "large/owabilint", "large/owabilint-100k", 10, "≤")
    check("10 MB / 1 MB (10× the text): owabilint", "huge/owabilint", "large/owabilint", 11, "≤")
    check("peak memory, 10 MB file: owabilint / floor", "huge/owabilint", "huge/floor", 1.3, "≤", "peak_mib")
    check("`owabilint --version` (s)", "startup/version", None, 0.15, "≤")
    check("`owabilint --help` (s)", "startup/help", None, 0.15, "≤")
    check("peak memory, one draft: owabilint / floor", "single/owabilint-text", "single/floor", 1.3, "≤", "peak_mib")
    check(
        "peak memory, 1,000 drafts, one process: owabilint / floor",
        "drafts/owabilint-jobs1",
        "drafts/floor",
        1.3,
        "≤",
        "peak_mib",
    )
    return out


def render_readme_section(owb: dict, peer: dict, prof: dict | None) -> str:
    m = owb.get("machine") or peer.get("machine") or {}
    lines = [
        MARK_START,
        "",
        f"Measured {owb.get('finished', '?')} UTC with `python3 benchmarks/run.py {owb.get('argv', '')}`.",
        "",
    ]
    lines.append("Machine: " + ", ".join(f"{k} {v}" for k, v in m.items() if k not in ("node", "textlint")) + ".")
    if peer.get("finished"):
        pm = peer.get("machine", {})
        lines.append(
            f"Peer: textlint {pm.get('textlint', '?')} on node {pm.get('node', '?')}, with "
            f"textlint-rule-preset-ja-technical-writing and textlint-rule-preset-japanese; "
            f"measured {peer['finished']} UTC (`{peer.get('argv', '')}`)."
        )
    load = ", ".join(f"{g} {a:.2f}→{b:.2f}" for g, a, b in owb.get("load", []) + peer.get("load", []))
    lines += ["", f"Load average (1 min) before→after each group: {load}.", ""]
    lines += ["| case | wall s (median) | wall min–max | CPU s | peak MiB | runs |", "|---|---|---|---|---|---|"]
    labels = [
        ("startup/python", "`python -c pass` (reference)"),
        ("startup/version", "`owabilint --version`"),
        ("startup/help", "`owabilint --help`"),
        ("single/floor", "one draft: floor (load dictionary + tokenize)"),
        ("single/owabilint-text", "one draft: `owabilint --format text`"),
        ("single/owabilint-rich-tty", "one draft: `owabilint` (rich report on a terminal)"),
        (
            "single/owabilint-text-cold-cache",
            "one draft: `owabilint --format text`, empty cache (first run after install)",
        ),
        ("peer:single/textlint", "one draft: textlint"),
        ("drafts/floor", "1,000 drafts: floor"),
        ("drafts/owabilint-jobs1", "1,000 drafts: `owabilint --jobs 1`"),
        ("drafts/owabilint-jobs-default", f"1,000 drafts: `owabilint` (--jobs default = {m.get('cores', '?')})"),
        ("peer:drafts/textlint", "1,000 drafts: textlint"),
        ("large/floor", "1 MB file: floor"),
        ("large/owabilint", "1 MB file: `owabilint`"),
        ("large/floor-100k", "100 KB file: floor"),
        ("large/owabilint-100k", "100 KB file: `owabilint`"),
        ("peer:large/textlint", "1 MB file: textlint"),
        ("huge/floor", "10 MB file: floor"),
        ("huge/owabilint", "10 MB file: `owabilint --max-bytes 0`"),
    ]
    both = {"cases": {**owb.get("cases", {}), **{f"peer:{k}": v for k, v in peer.get("cases", {}).items()}}}
    for key, label in labels:
        r = row(both, key, label)
        if r:
            lines.append(r)
    lines += [
        "",
        (
            "Peak MiB is the largest single process (ru_maxrss); with `--jobs N` each worker is a process of "
            "its own. Ratios are of medians; the status follows the wall-clock ratio (the CPU ratio, "
            "user + system time of the process and its workers, is less sensitive to other load on the machine)."
        ),
        "",
        "| target | wall ratio | CPU ratio | target | status |",
        "|---|---|---|---|---|",
    ]
    lines += targets(owb, peer)
    lines += phase_table(owb)
    if prof:
        lines += [
            "",
            "### Profile of the one-draft run",
            "",
            f"`python -X importtime` ({prof['modules']} modules imported); top-level imports by cumulative time:",
            "",
            "| module | cumulative µs | self µs |",
            "|---|---|---|",
        ]
        lines += [f"| {n} | {c} | {s} |" for n, c, s in prof["importtime_top"]]
        lines += [
            "",
            "cProfile of `owabilint --format text single.txt` (in-process, cumulative):",
            "",
            "```",
            prof["cprofile"],
            "```",
        ]
    lines += ["", MARK_END]
    return "\n".join(lines)


def write_readme(section: str, readme: Path) -> None:
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# Benchmarks\n\n{MARK_START}\n{MARK_END}\n"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        _, tail = rest.split(MARK_END, 1)
        text = head + section + tail
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    readme.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--work",
        default=os.path.join(tempfile.gettempdir(), "owabilint-bench"),
        help="scratch folder: inputs, venv, npm peer, raw results",
    )
    ap.add_argument("--only", choices=("all", "owabilint", "peer"), default="all")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per case (one-draft cases: twice as many)")
    ap.add_argument(
        "--peer",
        choices=("run", "cached", "skip"),
        default="run",
        help="textlint: measure now, reuse WORK/results-peer.json, or leave out",
    )
    ap.add_argument("--peer-runs", type=int, default=3, help="runs of textlint on the 1,000 drafts (~1 min each)")
    ap.add_argument("--peer-large", choices=("run", "skip"), default="run", help="textlint on the 1 MB file (~10 min)")
    ap.add_argument(
        "--no-reinstall",
        action="store_true",
        help="measure the owabilint already in WORK/venv instead of reinstalling this checkout",
    )
    ap.add_argument("--huge", choices=("run", "skip"), default="run", help="the 10 MB file, once (~2 min)")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--phase-drafts", type=int, default=200, help="generated drafts timed phase by phase")
    ap.add_argument(
        "--phases-base",
        metavar="REVISION",
        help="also time the phases of this revision (git archive), in the same run, for before/after",
    )
    ap.add_argument("--readme", default=str(HERE / "README.md"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    argv_text = " ".join(sys.argv[1:])
    inputs = make_inputs(work)
    owb_path, peer_path = work / "results-owabilint.json", work / "results-peer.json"

    peer_results: dict = {}
    if args.only == "peer" or (args.only == "all" and args.peer == "run"):
        peer = install_peer(work)
        peer_results = {"cases": {}, "load": [], "machine": machine(None, peer), "argv": argv_text}
        peer_cases(peer, inputs, args, peer_results)
        peer_results["finished"] = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
        old = json.loads(peer_path.read_text()) if peer_path.exists() else {}
        if args.peer_large == "skip" and "large/textlint" in old.get("cases", {}):
            peer_results["cases"]["large/textlint"] = old["cases"]["large/textlint"]
        peer_path.write_text(json.dumps(peer_results, indent=1), encoding="utf-8")
    elif args.peer != "skip" and peer_path.exists():
        peer_results = json.loads(peer_path.read_text())
    if args.only == "peer":
        log(f"peer results in {peer_path}")
        return 0

    venv = install_owabilint(work, not args.no_reinstall)
    owb_results = {"cases": {}, "load": [], "machine": machine(venv, None), "argv": argv_text}
    owabilint_cases(venv, inputs, args, owb_results)
    phase_cases(venv, work, args, owb_results, log)
    owb_results["finished"] = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
    owb_path.write_text(json.dumps(owb_results, indent=1), encoding="utf-8")
    prof = None if args.no_profile else profile_single(venv, inputs, work)
    section = render_readme_section(owb_results, peer_results, prof)
    write_readme(section, Path(args.readme))
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
