#!/usr/bin/env python3
"""Where a warm, in-process lint spends its time, phase by phase, per draft.

    python3 benchmarks/phases.py [--rounds 5] [--drafts 200] [--json]

Runs in the Python that has owabilint installed (run.py uses its venv; ``PYTHONPATH`` of
another checkout measures that one, e.g. a base revision in the same run). Rules,
dictionary and caches are loaded first (as in the language server or the review page,
which re-lint on every pause in typing); then, for each draft, CPU time of:

- **sudachi**: the floor's work for the same text (floor.py: tokenize pieces of at most
  4,000 characters, read each morpheme's surface, part of speech, normalized form);
- **tokenize**: owabilint's tokenizing (Sudachi per sentence, Token objects with document
  offsets);
- **document**: the rest of the document model (lines, sentences, folded text, joined
  texts);
- **hits**: the term index's one pass over the draft (0 on a checkout without one);
- **rules**: evaluating every rule (``lint_document`` on the prepared document, less the
  hit pass, which it does again in its own lint context);
- **report**: rendering the text and JSON reports;
- **lint_text**: the whole thing again from the raw text, timed on its own (a fresh
  document), which is what a re-lint costs.

And, for the 2,000-character draft, **re-lint after a one-sentence edit**: the language
server and the review page keep the tokens of recent sentences
(``owabilint.document.recent``), so a re-lint as someone types tokenizes only the sentence
that changed; each of the timed re-lints adds a different ending to one body line.

Two inputs: the 2,000-character draft of serve_latency.py (one draft, as someone types)
and the first ``--drafts`` drafts of the 1,000 generated ones. Each round times every
draft once; per phase the report gives the median of the rounds' per-draft means
(CPU ms), and the ratio of the whole re-lint to the Sudachi floor of the same texts.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_inputs import SEED, draft
from serve_latency import two_thousand_characters

PHASES = ("sudachi", "tokenize", "document", "hits", "rules", "report", "lint_text")


def term_indexes(rules: list) -> list:
    """The term indexes of the prepared rules (none before the term index existed)."""
    from owabilint.matchers.patterns import Pattern

    found = {}
    for rule in rules:
        parts = rule.matcher.parts() if hasattr(rule.matcher, "parts") else []
        for _where, part in parts:
            index = getattr(part, "_term_index", None) if isinstance(part, Pattern) else None
            if index is not None:
                found[id(index)] = index
    return list(found.values())


def sudachi_read(text: str, sudachi) -> float:
    """CPU seconds of the floor's work on ``text`` (floor.read)."""
    from floor import read  # imports Sudachi: only in the venv that has owabilint

    t = time.process_time()
    read(sudachi, text)
    return time.process_time() - t


def one_draft(text: str, rules: list, indexes: list, sudachi) -> dict[str, float]:
    from owabilint.engine import lint_document, lint_text
    from owabilint.inputs.registry import format_module
    from owabilint.matchers.base import LintContext
    from owabilint.model import Report
    from owabilint.reporters import render

    clock = time.process_time
    out: dict[str, float] = {}
    out["sudachi"] = sudachi_read(text, sudachi)

    t = clock()
    doc = format_module("text").document(text, "draft.txt", None)  # as lint_text reads it
    sentences = doc.sentences
    _ = doc.sentence_texts
    layout = clock() - t
    t = clock()
    for s in sentences:
        _ = s.tokens
    out["tokenize"] = clock() - t
    t = clock()
    for s in sentences:
        _ = s.folded
    _ = doc.folded_texts
    out["document"] = layout + clock() - t

    t = clock()
    for index in indexes:
        index.hits(LintContext(doc))
    out["hits"] = clock() - t

    # lint_document makes its own lint context and so does the hit pass again: the
    # rules' share is its time less the hit pass just measured.
    t = clock()
    report = lint_document(doc, rules, original=text if doc.text is not text else None)
    out["rules"] = clock() - t - out["hits"]

    t = clock()
    render(Report([report]), "text")
    render(Report([report]), "json")
    out["report"] = clock() - t

    t = clock()
    lint_text(text, path="draft.txt", rules=rules)
    out["lint_text"] = clock() - t
    return out


def measure(texts: list[str], rounds: int) -> dict:
    from owabilint.document.tokenizer import get_tokenizer
    from owabilint.engine import lint_text
    from owabilint.ruleset.loader import builtin_rules

    rules = builtin_rules()
    indexes = term_indexes(rules)
    sudachi = get_tokenizer()
    for text in texts[:3]:  # warm: dictionary, caches, lazily compiled regexes
        lint_text(text, rules=rules)
    per_round: list[dict[str, float]] = []
    for _ in range(rounds):
        totals = dict.fromkeys(PHASES, 0.0)
        for text in texts:
            for phase, seconds in one_draft(text, rules, indexes, sudachi).items():
                totals[phase] += seconds
        per_round.append({p: totals[p] / len(texts) * 1000 for p in PHASES})
    ms = {p: statistics.median(r[p] for r in per_round) for p in PHASES}
    return {
        "drafts": len(texts),
        "chars": round(sum(map(len, texts)) / len(texts)),
        "rounds": rounds,
        "ms": {p: round(v, 3) for p, v in ms.items()},
        "relint_over_sudachi": round(ms["lint_text"] / ms["sudachi"], 2) if ms["sudachi"] else None,
    }


def edit_relint(text: str, edits: int) -> tuple[float, float] | None:
    """CPU ms of a re-lint after a one-sentence edit, the way the language server and the
    review page re-lint as someone types (they keep the tokens of recent sentences, so
    only the edited sentence is tokenized again), and of Sudachi's tokenize-and-read of
    the same edited text, timed in alternation: medians. None on a checkout without
    that cache."""
    from owabilint.document.tokenizer import get_tokenizer
    from owabilint.engine import lint_text
    from owabilint.ruleset.loader import builtin_rules

    try:
        from owabilint.document.recent import keep_recent
    except ImportError:  # a revision before the servers kept recent sentences
        return None
    rules = builtin_rules()
    sudachi = get_tokenizer()
    lines = text.split("\n")
    middle = max(range(len(lines)), key=lambda i: (len(lines[i]) > 20, -abs(i - len(lines) // 2)))
    keep_recent(True)
    try:
        lint_text(text, rules=rules)  # the draft as it was before the edits
        relint, floor = [], []
        for n in range(edits):
            edited = "\n".join([*lines[:middle], f"{lines[middle]}（第{n + 2}報）", *lines[middle + 1 :]])
            t = time.process_time()
            lint_text(edited, rules=rules)
            relint.append(time.process_time() - t)
            floor.append(sudachi_read(edited, sudachi))
    finally:
        keep_recent(False)
    return round(statistics.median(relint) * 1000, 3), round(statistics.median(floor) * 1000, 3)


# ---------------------------------------------------------------------- run.py's group
def export_revision(revision: str, work: Path) -> Path:
    """owabilint and rules/ of ``revision`` (git archive), for phases.py with PYTHONPATH."""
    into = work / f"base-{revision.replace('/', '_')}"
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(HERE.parent), "archive", "--format=tar", revision, "owabilint", "rules"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def phase_cases(venv: Path, work: Path, args: argparse.Namespace, results: dict, log: Callable[[str], None]) -> None:
    """In-process, warm: CPU time per phase (phases.py), for this checkout and, in the same
    run and alternating, for ``--phases-base`` (a revision of this repository)."""
    py = str(venv / "bin" / "python")
    argv = [py, str(HERE / "phases.py"), "--json", "--rounds", str(args.runs), "--drafts", str(args.phase_drafts)]
    runs: list[tuple[str, dict[str, str]]] = [("current", {"OWABILINT_CACHE_DIR": str(work / "cache")})]
    if args.phases_base:
        base = export_revision(args.phases_base, work)
        # The installed dependencies serve both; PYTHONPATH puts the base's package first.
        env = {"OWABILINT_CACHE_DIR": str(work / "cache-base"), "PYTHONPATH": str(base)}
        runs.append((f"base:{args.phases_base}", env))
    load = os.getloadavg()[0]
    log(f"phases: {', '.join(name for name, _ in runs)} (load {load:.2f})")
    for name, extra in runs + runs[::-1]:  # A B B A: load drifts hit both alike
        proc = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **extra}, check=False)
        if proc.returncode != 0:  # keep the other results; say why this one is missing
            log(f"  phases.py failed for {name}: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        results.setdefault("phases", {}).setdefault(name, []).append(json.loads(proc.stdout))
    results["load"].append(["phases", round(load, 2), round(os.getloadavg()[0], 2)])


def phase_value(owb: dict, name: str, inputs: str, key: str, phase: str | None = None) -> float | None:
    """Median over the runs of one phases.py result (a phase's ms, or the re-lint ratio)."""
    runs = owb.get("phases", {}).get(name, [])
    values = [r[inputs]["ms"][phase] if phase else r[inputs].get(key) for r in runs if r.get(inputs)]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def phase_table(owb: dict) -> list[str]:
    names = list(owb.get("phases", {}))
    if not names:
        return []
    header = "| phase (CPU ms per draft) | " + " | ".join(
        f"{inputs}: {name}" for inputs in ("2000", "drafts") for name in names
    )
    lines = [
        "",
        "### Phases of a warm, in-process lint",
        "",
        (
            '`benchmarks/phases.py` (CPU ms per draft, median of the runs; "2000": the 2,000-character '
            'draft of serve_latency.py; "drafts": the first generated drafts; "base": the revision given '
            "with `--phases-base`, measured in the same run, alternating):"
        ),
        "",
        header + " |",
        "|---" * (1 + 2 * len(names)) + "|",
    ]
    for phase in PHASES:
        cells = []
        for inputs in ("2000", "drafts"):
            for name in names:
                v = phase_value(owb, name, inputs, "ms", phase)
                cells.append("–" if v is None else f"{v:.2f}")
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    cells = []
    for inputs in ("2000", "drafts"):
        for name in names:
            v = phase_value(owb, name, inputs, "relint_over_sudachi")
            cells.append("–" if v is None else f"{v:.2f}")
    lines.append("| lint_text / sudachi | " + " | ".join(cells) + " |")
    for key, label in (("edit_ms", "re-lint after a one-sentence edit"), ("edit_over_sudachi", "  … / sudachi")):
        cells = []
        for inputs in ("2000", "drafts"):
            for name in names:
                v = phase_value(owb, name, inputs, key) if inputs == "2000" else None
                cells.append("–" if v is None else f"{v:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--drafts", type=int, default=200, help="how many of the generated drafts")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    rng = random.Random(SEED)
    drafts = [draft(rng, i) for i in range(args.drafts)]
    results = {
        "2000": measure([two_thousand_characters()], args.rounds * 4),
        "drafts": measure(drafts, args.rounds),
    }
    one = results["2000"]
    edit = edit_relint(two_thousand_characters(), args.rounds * 20)
    one["edit_ms"], one["edit_sudachi_ms"] = edit or (None, None)
    one["edit_over_sudachi"] = round(edit[0] / edit[1], 2) if edit and edit[1] else None
    if args.json:
        print(json.dumps(results))
        return 0
    for name, r in results.items():
        print(f"{name}: {r['drafts']} draft(s) of ~{r['chars']} chars, {r['rounds']} rounds (CPU ms per draft)")
        for p in PHASES:
            print(f"  {p:10} {r['ms'][p]:8.3f}")
        print(f"  re-lint / sudachi: {r['relint_over_sudachi']}")
        if r.get("edit_ms") is not None:
            print(
                f"  re-lint after a one-sentence edit: {r['edit_ms']} ms; Sudachi on the same text:"
                f" {r['edit_sudachi_ms']} ms; ratio {r['edit_over_sudachi']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
