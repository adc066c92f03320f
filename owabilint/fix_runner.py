"""``--fix`` and ``--diff`` over many inputs: read, lint, fix, then write back or diff.

Each input is handled on its own: a file that cannot be read or written gets an error
in its FileReport and the others are still fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.fixer import FixError, encode, fix_text, unified_diff, write_back
from owabilint.model import FileReport, Report
from owabilint.ruleset import Rule
from owabilint.runner import lint_source
from owabilint.source import DEFAULT_MAX_BYTES, STDIN, Source, expand_paths, read_source


@dataclass
class FixedInput:
    """One input after fixing: what is left to report, and what changed."""

    report: FileReport
    applied: int = 0
    diff: str = ""
    output: bytes | None = None  # the fixed bytes of stdin (``--fix -`` prints them)


@dataclass
class FixOutcome:
    inputs: list[FixedInput] = field(default_factory=list)

    @property
    def report(self) -> Report:
        return Report(files=[i.report for i in self.inputs])

    @property
    def applied(self) -> int:
        return sum(i.applied for i in self.inputs)


def _read(path: str, encoding: str | None, max_bytes: int | None) -> tuple[Source, bytes | None]:
    """The source and, for a real file, the bytes it held when it was read."""
    source = read_source(path, encoding=encoding, max_bytes=max_bytes)  # reports problems in the user's words
    if path == STDIN:
        return source, None
    try:
        original = Path(path).read_bytes()
    except OSError:
        original = None
    return source, original


def fix_one(
    path: str | Source,
    rules: list[Rule],
    settings: Settings,
    *,
    write: bool,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> FixedInput:
    """Fix one input: a path, or stdin already read into a Source."""
    if isinstance(path, Source):
        source, original, path = path, None, path.path
    else:
        try:
            source, original = _read(path, encoding, max_bytes)
        except InputError as exc:
            return FixedInput(FileReport(path=exc.path if path != STDIN else "<stdin>", error=exc.problem))
    if source.position_base != "file":
        # An e-mail's positions are in its decoded message: report, never rewrite the .eml.
        return FixedInput(lint_source(source, rules, settings))

    def lint(text: str) -> FileReport:
        return lint_text(text, path=source.display_path, kind=source.kind, rules=rules, settings=settings)

    result = fix_text(source.text, lint)
    fixed = FixedInput(result.report, result.applied)
    if result.text == source.text:
        if path == STDIN and write:
            fixed.output = encode(source.text, source.encoding, source.bom, source.display_path)
        return fixed
    fixed.diff = unified_diff(source.display_path, source.text, result.text)
    if not write:
        return fixed
    try:
        data = encode(result.text, source.encoding, source.bom, source.display_path)
        if path == STDIN:
            fixed.output = data
        else:
            assert original is not None
            write_back(path, data, original)
    except FixError as exc:
        problem = str(exc).removeprefix(f"{source.display_path}: ")
        fixed.report = FileReport(path=source.display_path, error=problem)
        fixed.applied = 0
    return fixed


def fix_paths(paths: Iterable[str], rules: list[Rule], settings: Settings, *, write: bool) -> FixOutcome:
    """Fix every input; ``write=False`` only computes the diffs (``--diff``)."""
    outcome = FixOutcome()
    for item in expand_paths(list(paths)):
        if isinstance(item, InputError):
            outcome.inputs.append(FixedInput(FileReport(path=item.path, error=item.problem)))
        else:
            outcome.inputs.append(fix_one(item, rules, settings, write=write))
    return outcome


def fix_jobs(
    jobs: list, *, write: bool, encoding: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> FixOutcome:
    """Like :func:`fix_paths` for a planned run (runner.plan): each input with its own rules and settings."""
    outcome = FixOutcome()
    for job in jobs:
        if isinstance(job, InputError):
            outcome.inputs.append(FixedInput(FileReport(path=job.path, error=job.problem)))
        else:
            path, rules, settings = job
            outcome.inputs.append(
                fix_one(path, rules, settings, write=write, encoding=encoding, max_bytes=max_bytes)
            )
    return outcome
