"""``text``: one line per finding, ``path:line:col: severity[rule-id] message``."""

from __future__ import annotations

from owabilint.model import Report


def render(report: Report, **_: object) -> str:
    lines = []
    for f in report.files:
        if f.error:
            continue  # input errors go to stderr
        for d in f.diagnostics:
            lines.append(f"{f.path}:{d.line}:{d.column}: {d.severity}[{d.rule}] {d.message}")
    return "\n".join(lines) + ("\n" if lines else "")
