"""Linting many inputs: read each one, lint it, keep going after a bad one."""

from __future__ import annotations

from collections.abc import Iterable

from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.model import FileReport, Report
from owabilint.ruleset import Rule
from owabilint.source import expand_paths, read_source


def lint_source_path(path: str, rules: list[Rule], settings: Settings) -> FileReport:
    try:
        source = read_source(path)
    except InputError as exc:
        return FileReport(path=exc.path if path != "-" else "<stdin>", error=exc.problem)
    return lint_text(source.text, path=source.display_path, kind=source.kind, rules=rules, settings=settings)


def lint_paths(paths: Iterable[str], rules: list[Rule], settings: Settings) -> Report:
    report = Report()
    for item in expand_paths(list(paths)):
        if isinstance(item, InputError):
            report.files.append(FileReport(path=item.path, error=item.problem))
        else:
            report.files.append(lint_source_path(item, rules, settings))
    return report
