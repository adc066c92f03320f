"""Where a command's report goes, and the reports of ``--fix`` and ``--diff``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from owabilint.cli_common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, STDIN, Exit, echo, fail

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.model import Report
    from owabilint.ruleset.loader import Rule
    from owabilint.runner import ReadOptions


class Output:
    """Where the report goes (stdout or --output-file) and what findings do to the exit status."""

    def __init__(self, path: str | None, exit_zero: bool) -> None:
        self.path = path
        self.exit_zero = exit_zero

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        try:
            with open(self.path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        except OSError as exc:
            raise fail(f"--output-file: {self.path}: 書き込めません（{exc.strerror or exc}）") from None

    def exit(self, findings: bool) -> Exit:
        return Exit(EXIT_FINDINGS if findings and not self.exit_zero else EXIT_OK)


def write_report(
    report: Report,
    output: Output,
    *,
    fmt: str,
    rules: list[Rule],
    statistics: bool,
    to_terminal: bool,
    view: dict[str, bool],
) -> None:
    """Each unreadable input as an error line on stderr, then the report (or ``--statistics``)."""
    from owabilint.reporters import render

    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    if statistics:
        from owabilint.statistics import render_statistics

        output.write(render_statistics(report, json_format=fmt == "json"))
    else:
        color = fmt == "rich" and to_terminal and "NO_COLOR" not in os.environ
        output.write(render(report, fmt, color=color, rules=rules, **view))


def fix_or_diff(
    jobs: list,
    rules: list[Rule],
    *,
    fmt: str,
    fail_on: str | None,
    write: bool,
    files: list[str],
    read: ReadOptions,
    view: dict[str, bool],
    output: Output,
) -> NoReturn:
    """``--fix`` (write) and ``--diff`` (print only); always ends the command."""
    from owabilint.fix_runner import fix_jobs
    from owabilint.inputs.formats import PositionBase
    from owabilint.reporters import render

    to_stdout = write and STDIN in files
    if to_stdout and len(files) > 1:
        raise fail("--fix: 標準入力（-）を修正するときは、ほかのファイルを同時に指定できません")
    outcome = fix_jobs(jobs, write=write, read=read)
    report = outcome.report
    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
        elif f.position_base == PositionBase.BODY:
            echo(
                f"owabilint: {f.path}: メールファイルは書き換えません（指摘の位置はデコードした本文のもので、"
                "元のファイルの符号化に戻せないため）。本文を直してから送り直してください",
                err=True,
            )
        elif f.position_base == PositionBase.DOCX_PARAGRAPH:
            from owabilint.inputs.docx import NOT_REWRITTEN

            echo(f"owabilint: {f.path}: {NOT_REWRITTEN}", err=True)
    if not write:  # --diff: the diff is the output; exit 1 when something would change
        output.write("".join(i.diff for i in outcome.inputs))
        if outcome.applied and not view["quiet"]:
            echo(f"owabilint: {outcome.applied} 件を自動修正できます（--fix で適用）", err=True)
        if report.has_errors:
            raise Exit(EXIT_USAGE)
        raise output.exit(bool(outcome.applied))
    if to_stdout:  # --fix -: the fixed text on stdout, the remaining findings on stderr
        data = outcome.inputs[0].output
        if data is not None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        sys.stderr.write(render(report, "text" if fmt == "rich" else fmt, rules=rules))
    else:
        color = fmt == "rich" and output.path is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        output.write(render(report, fmt, color=color, rules=rules, **view))
    if outcome.applied and not view["quiet"]:
        echo(f"owabilint: {outcome.applied} 件を自動修正しました", err=True)
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise output.exit(report.fails(fail_on))
