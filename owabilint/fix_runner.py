"""``--fix`` and ``--diff`` over many inputs: read, lint, fix, then write back or diff.

Each input is handled on its own: a file that cannot be read or written gets an error
in its FileReport and the others are still fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.fixer import FixError, encode, fix_text, unified_diff, write_back
from owabilint.inputs.formats import PositionBase
from owabilint.inputs.source import DEFAULT_MAX_BYTES, STDIN, Source, read_source
from owabilint.model import FileReport, Report
from owabilint.ruleset.loader import Rule
from owabilint.runner import ReadOptions, _crashed, lint_source
from owabilint.safe_read import read_regular


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
        original = read_regular(path, max_bytes)
    except OSError:
        original = None
    return source, original


def encode_keeping_bytes(source: Source, fixed_text: str, original: bytes) -> bytes:
    """The fixed file's bytes: the original bytes wherever the text was not fixed."""
    from owabilint.byte_splice import CannotPreserve, encode_preserving

    bom = "\ufeff".encode(source.encoding) if source.bom else b""
    try:
        return encode_preserving(source.text, fixed_text, original, source.encoding, bom)
    except CannotPreserve:
        raise FixError(
            f"{source.display_path}: 修正箇所以外のバイトを元のまま保てないため、書き込みませんでした"
            f"（{source.encoding_label}）"
        ) from None
    except (UnicodeError, LookupError) as exc:
        raise FixError(f"{source.display_path}: 修正後の文章を {source.encoding} で書き込めません（{exc}）") from None


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
    if source.position_base != PositionBase.FILE:
        # An e-mail's positions are in its decoded message: report, never rewrite the .eml.
        return FixedInput(lint_source(source, rules, settings))

    def lint(text: str) -> FileReport:
        return lint_text(text, path=source.display_path, format=source.format, rules=rules, settings=settings)

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
        if path == STDIN or original is None:
            data = encode(result.text, source.encoding, source.bom, source.display_path)
        else:
            data = encode_keeping_bytes(source, result.text, original)
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


def _fix_guarded(path: str, rules: list[Rule], settings: Settings, **options: Any) -> FixedInput:
    """``fix_one``, but a failure costs this file only: it gets an error line, the batch goes on."""
    try:
        return fix_one(path, rules, settings, **options)
    except Exception as exc:  # noqa: BLE001 - reported as this file's error (exit 2)
        return FixedInput(_crashed(path, exc))


def fix_jobs(jobs: list, *, write: bool, read: ReadOptions | None = None) -> FixOutcome:
    """Fix every input of a planned run (runner.plan), each with its own rules and settings;
    ``write=False`` only computes the diffs (``--diff``)."""
    read = read or ReadOptions()
    outcome = FixOutcome()
    for job in jobs:
        if isinstance(job, InputError):
            outcome.inputs.append(FixedInput(FileReport(path=job.path, error=job.problem)))
        else:
            path, rules, settings = job
            outcome.inputs.append(
                _fix_guarded(path, rules, settings, write=write, encoding=read.encoding, max_bytes=read.max_bytes)
            )
    return outcome
