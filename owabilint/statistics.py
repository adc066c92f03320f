"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

import json
from collections import Counter

from owabilint.model import Report

SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}


def rule_counts(report: Report) -> list[dict]:
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    severity: dict[str, str] = {}
    for f in report.files:
        for d in f.diagnostics:
            counts[d.rule] += 1
            fixable[d.rule] += d.fix is not None
            severity.setdefault(d.rule, d.severity)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"rule": r, "severity": severity[r], "count": n, "fixable": fixable[r]} for r, n in rows]


def render_statistics(report: Report, json_format: bool = False) -> str:
    rows = rule_counts(report)
    if json_format:
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return "指摘はありません\n"
    width = max(len(r["rule"]) for r in rows)
    lines = []
    for r in rows:
        line = f"{r['count']:>5}  {r['rule']:<{width}}  {SEVERITY_LABELS[r['severity']]}"
        if r["fixable"]:
            line += f"  [*] {r['fixable']} 件は --fix で自動修正可"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"
