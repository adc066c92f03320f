"""The command line: a thin shell around the engine.

``owabilint FILE...`` is short for ``owabilint check FILE...``. The parser is the
standard library's argparse: the CLI runs on every commit and keystroke, and a CLI
framework would cost more start-up time than linting a draft. Heavy modules (the engine,
Sudachi, rich) are imported inside the commands, so ``--version`` and ``--help`` stay
instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from owabilint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = ("error", "warning", "info")
DEFAULT_COMMAND = "check"

DESCRIPTION = (
    "owabilint — a linter for Japanese apology drafts after a personal-data leak.\n\n"
    "Usage: owabilint FILE... (same as: owabilint check FILE...). Use - for stdin."
)


class Exit(Exception):
    """Ends a command with an exit status (raised by commands, turned into SystemExit)."""

    def __init__(self, code: int = EXIT_OK) -> None:
        super().__init__(code)
        self.code = code


def echo(message: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()


def fail(message: str) -> Exit:
    """Print one error line to stderr and return the exit for a usage/input error."""
    echo(f"owabilint: error: {message}", err=True)
    return Exit(EXIT_USAGE)


def _split_ids(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def suggest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"（もしかして: {close[0]}）" if close else ""


def check_rule_ids(ids: list[str], known: list[str], option: str) -> None:
    for rule_id in ids:
        if rule_id not in known:
            raise fail(f"{option}: 不明なルール ID '{rule_id}' です{suggest(rule_id, known)}")


# ---------------------------------------------------------------------- commands
def check(args: argparse.Namespace) -> None:
    """Lint drafts (the main job)."""
    from owabilint.reporters import FORMATS

    fmt = args.output_format or ("rich" if sys.stdout.isatty() else "text")
    if fmt not in FORMATS:
        raise fail(f"--format: '{fmt}' は使えません（{' | '.join(FORMATS)}）")
    if args.fail_on not in FAIL_LEVELS:
        raise fail(f"--fail-on: '{args.fail_on}' は使えません（{' | '.join(FAIL_LEVELS)}）")

    from owabilint.engine import Settings
    from owabilint.errors import OwabilintError
    from owabilint.ruleset import builtin_rules

    try:
        rules = builtin_rules()
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    known = [r.id for r in rules]
    selected, ignored = _split_ids(args.select), _split_ids(args.ignore)
    check_rule_ids(selected, known, "--select")
    check_rule_ids(ignored, known, "--ignore")
    settings = Settings(select=set(selected) if selected else None, ignore=set(ignored))

    if args.fix or args.diff:
        _fix_or_diff(args.files, rules, settings, fmt=fmt, fail_on=args.fail_on, write=not args.diff)

    from owabilint.reporters import render
    from owabilint.runner import lint_paths

    report = lint_paths(args.files, rules, settings)
    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    color = fmt == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(render(report, fmt, color=color, rules=rules))
    sys.stdout.flush()
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise Exit(EXIT_FINDINGS if report.fails(args.fail_on) else EXIT_OK)


def _fix_or_diff(files: list[str], rules, settings, *, fmt: str, fail_on: str, write: bool) -> None:  # type: ignore[no-untyped-def]
    """``--fix`` (write) and ``--diff`` (print only); always ends the command."""
    from owabilint.fix_runner import fix_paths
    from owabilint.reporters import render
    from owabilint.source import STDIN

    to_stdout = write and STDIN in files
    if to_stdout and len(files) > 1:
        raise fail("--fix: 標準入力（-）を修正するときは、ほかのファイルを同時に指定できません")
    outcome = fix_paths(files, rules, settings, write=write)
    report = outcome.report
    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    if not write:  # --diff: the diff is the output; exit 1 when something would change
        sys.stdout.write("".join(i.diff for i in outcome.inputs))
        sys.stdout.flush()
        if outcome.applied:
            echo(f"owabilint: {outcome.applied} 件を自動修正できます（--fix で適用）", err=True)
        if report.has_errors:
            raise Exit(EXIT_USAGE)
        raise Exit(EXIT_FINDINGS if outcome.applied else EXIT_OK)
    if to_stdout:  # --fix -: the fixed text on stdout, the remaining findings on stderr
        data = outcome.inputs[0].output
        if data is not None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        sys.stderr.write(render(report, "text" if fmt == "rich" else fmt, rules=rules))
    else:
        color = fmt == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render(report, fmt, color=color, rules=rules))
        sys.stdout.flush()
    if outcome.applied:
        echo(f"owabilint: {outcome.applied} 件を自動修正しました", err=True)
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise Exit(EXIT_FINDINGS if report.fails(fail_on) else EXIT_OK)


def list_rules(args: argparse.Namespace) -> None:
    """List every rule: id, severity, category and summary."""
    from owabilint.rule_docs import print_rule_table

    print_rule_table()


def show_rule(args: argparse.Namespace) -> None:
    """Explain one rule, with its valid and invalid examples."""
    from owabilint.rule_docs import print_rule
    from owabilint.ruleset import builtin_rules

    known = [r.id for r in builtin_rules()]
    if args.rule_id not in known:
        raise fail(
            f"不明なルール ID '{args.rule_id}' です{suggest(args.rule_id, known)}。一覧は owabilint rules で確認できます"
        )
    print_rule(args.rule_id)


def serve_lsp(args: argparse.Namespace) -> None:
    """Run the language server over stdio (for editors)."""
    from owabilint.lsp.server import main as serve

    serve()


# ---------------------------------------------------------------------- parser
class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="owabilint", description=DESCRIPTION, formatter_class=_HelpFormatter, allow_abbrev=False
    )
    parser.add_argument("--version", action="version", version=f"owabilint {__version__}", help="Show the version and exit.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, handler: Callable[[argparse.Namespace], None]) -> argparse.ArgumentParser:
        doc = (handler.__doc__ or "").strip()
        sub = commands.add_parser(
            name, help=doc, description=doc, formatter_class=_HelpFormatter, allow_abbrev=False
        )
        sub.set_defaults(handler=handler)
        return sub

    p = command("check", check)
    p.add_argument("files", nargs="+", metavar="FILE", help="Draft files or directories; - reads stdin.")
    p.add_argument(
        "--format", "-f", dest="output_format", metavar="FORMAT",
        help="rich | text | json | sarif | github (default: rich on a terminal, else text).",
    )
    p.add_argument("--select", action="append", metavar="IDS", help="Only these rule ids (comma-separated).")
    p.add_argument("--ignore", action="append", metavar="IDS", help="Skip these rule ids (comma-separated).")
    p.add_argument(
        "--fail-on", default="warning", metavar="LEVEL",
        help="Exit 1 for findings at or above: error | warning | info (default: warning).",
    )
    p.add_argument(
        "--fix", action="store_true", help="Apply the safe fixes and rewrite the files (with -: print the fixed text)."
    )
    p.add_argument(
        "--diff", action="store_true", help="Print the safe fixes as a unified diff; change nothing (exit 1 if any)."
    )

    command("rules", list_rules)
    command("lsp", serve_lsp)

    p = command("rule", show_rule)
    p.add_argument("rule_id", metavar="RULE_ID", help="A rule id, e.g. missing-apology.")
    return parser


def _with_default_command(args: list[str], commands: Sequence[str]) -> list[str]:
    """``owabilint FILE...`` → ``owabilint check FILE...``."""
    if args and args[0] not in commands and args[0] not in ("--help", "-h", "--version"):
        return [DEFAULT_COMMAND, *args]
    return args


def app(argv: Sequence[str] | None = None) -> None:
    """Parse ``argv`` (default: sys.argv[1:]), run the command; always raises SystemExit."""
    parser = build_parser()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        parser.print_help(sys.stderr)
        raise SystemExit(EXIT_USAGE)
    namespace = parser.parse_args(_with_default_command(args, ("check", "rules", "rule", "lsp")))
    try:
        namespace.handler(namespace)
    except Exit as exc:
        raise SystemExit(exc.code) from None
    raise SystemExit(EXIT_OK)


def run() -> None:
    app()
