"""The command line: a thin shell around the engine.

``owabilint FILE...`` is short for ``owabilint check FILE...``. Heavy modules (the
engine, Sudachi, rich) are imported inside the commands, so ``--version`` and
``--help`` stay instant.
"""

from __future__ import annotations

import difflib
import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from owabilint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = ("error", "warning", "info")


class DefaultCommandGroup(TyperGroup):
    """Runs ``check`` when the first argument is not a subcommand."""

    default_command = "check"

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultCommandGroup,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "owabilint — a linter for Japanese apology drafts after a personal-data leak.\n\n"
        "Usage: owabilint FILE... (same as: owabilint check FILE...). Use - for stdin."
    ),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"owabilint {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """owabilint — a linter for Japanese apology drafts."""


def fail(message: str) -> typer.Exit:
    """Print one error line to stderr and return the exit for a usage/input error."""
    typer.echo(f"owabilint: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _split_ids(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"（もしかして: {close[0]}）" if close else ""


def check_rule_ids(ids: list[str], known: list[str], option: str) -> None:
    for rule_id in ids:
        if rule_id not in known:
            raise fail(f"{option}: 不明なルール ID '{rule_id}' です{suggest(rule_id, known)}")


@app.command("check")
def check(
    files: Annotated[list[str], typer.Argument(help="Draft files or directories; - reads stdin.", show_default=False)],
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help="rich | text | json (default: rich on a terminal, else text).")
    ] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these rule ids (comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rule ids (comma-separated).")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 for findings at or above: error | warning | info.")] = "warning",
) -> None:
    """Lint drafts (the main job)."""
    from owabilint.reporters import FORMATS

    fmt = output_format or ("rich" if sys.stdout.isatty() else "text")
    if fmt not in FORMATS:
        raise fail(f"--format: '{fmt}' は使えません（{' | '.join(FORMATS)}）")
    if fail_on not in FAIL_LEVELS:
        raise fail(f"--fail-on: '{fail_on}' は使えません（{' | '.join(FAIL_LEVELS)}）")

    from owabilint.engine import Settings
    from owabilint.errors import OwabilintError
    from owabilint.ruleset import builtin_rules

    try:
        rules = builtin_rules()
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    known = [r.id for r in rules]
    selected, ignored = _split_ids(select), _split_ids(ignore)
    check_rule_ids(selected, known, "--select")
    check_rule_ids(ignored, known, "--ignore")
    settings = Settings(select=set(selected) if selected else None, ignore=set(ignored))

    from owabilint.reporters import render
    from owabilint.runner import lint_paths

    report = lint_paths(files, rules, settings)
    for f in report.files:
        if f.error:
            typer.echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    color = fmt == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(render(report, fmt, color=color))
    sys.stdout.flush()
    if report.has_errors:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if report.fails(fail_on) else EXIT_OK)


@app.command("rules")
def list_rules() -> None:
    """List every rule: id, severity, category and summary."""
    from owabilint.rule_docs import print_rule_table

    print_rule_table()


@app.command("rule")
def show_rule(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. missing-apology.")]) -> None:
    """Explain one rule, with its valid and invalid examples."""
    from owabilint.rule_docs import print_rule
    from owabilint.ruleset import builtin_rules

    known = [r.id for r in builtin_rules()]
    if rule_id not in known:
        raise fail(f"不明なルール ID '{rule_id}' です{suggest(rule_id, known)}。一覧は owabilint rules で確認できます")
    print_rule(rule_id)


def run() -> None:
    app()
