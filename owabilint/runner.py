"""Linting many inputs: read each one, lint it, keep going after a bad one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.model import FileReport, Report
from owabilint.ruleset import Rule
from owabilint.source import expand_paths, read_source

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.config import ConfigResolver


def lint_source_path(path: str, rules: list[Rule], settings: Settings) -> FileReport:
    try:
        source = read_source(path)
    except InputError as exc:
        return FileReport(path=exc.path if path != "-" else "<stdin>", error=exc.problem)
    return lint_text(source.text, path=source.display_path, kind=source.kind, rules=rules, settings=settings)


def lint_paths(paths: Iterable[str], rules: list[Rule], settings: Settings) -> Report:
    """Lint with one rule set and one Settings for every file (no configuration files)."""
    report = Report()
    for item in expand_paths(list(paths)):
        if isinstance(item, InputError):
            report.files.append(FileReport(path=item.path, error=item.problem))
        else:
            report.files.append(lint_source_path(item, rules, settings))
    return report


Job = tuple[str, list[Rule], Settings]


def plan(paths: Iterable[str], resolver: ConfigResolver) -> list[Job | InputError]:
    """Each input with its rules and settings, every configuration resolved up front.

    Raises ConfigError/RuleError before anything is linted, so a bad configuration
    never lints some files with a half-read configuration.
    """
    jobs: list[Job | InputError] = []
    for item in expand_paths(list(paths)):
        if isinstance(item, InputError):
            jobs.append(item)
        else:
            resolved = resolver.for_path(item)
            jobs.append((item, resolved.rules, resolved.settings))
    return jobs


def run_plan(jobs: list[Job | InputError]) -> Report:
    report = Report()
    for job in jobs:
        if isinstance(job, InputError):
            report.files.append(FileReport(path=job.path, error=job.problem))
        else:
            path, rules, settings = job
            file_report = lint_source_path(path, rules, settings)
            file_report.fail_on = settings.fail_on
            report.files.append(file_report)
    return report
