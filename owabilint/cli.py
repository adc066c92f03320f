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
DEFAULT_MAX_BYTES = 2_000_000  # owabilint.source.DEFAULT_MAX_BYTES (not imported: --help stays light)
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


# ---------------------------------------------------------------------- commands
def check(args: argparse.Namespace) -> None:
    """Lint drafts (the main job)."""
    from owabilint.reporters import FORMATS

    if args.output_format is not None and args.output_format not in FORMATS:
        raise fail(f"--format: '{args.output_format}' は使えません（{' | '.join(FORMATS)}）")
    if args.fail_on is not None and args.fail_on not in FAIL_LEVELS:
        raise fail(f"--fail-on: '{args.fail_on}' は使えません（{' | '.join(FAIL_LEVELS)}）")
    from owabilint.config import PROFILES, Overrides

    if args.profile is not None and args.profile not in PROFILES:
        raise fail(f"--profile: '{args.profile}' は使えません（{' | '.join(PROFILES)}）")
    selected = _split_ids(args.select)
    overrides = Overrides(
        select=tuple(selected) if selected else None,
        extend_select=tuple(_split_ids(args.extend_select)),
        ignore=tuple(_split_ids(args.ignore)),
        profile=args.profile,
        fail_on=args.fail_on,
        output_format=args.output_format,
        force_exclude=args.force_exclude,
    )
    resolver = _resolver(args, overrides)
    if args.show_config:
        _print_config(resolver, args.files[0] if args.files else None, "toml")
        raise Exit(EXIT_OK)
    if not args.files:
        raise fail("下書きのファイルを指定してください（標準入力は -）")
    if args.jobs is not None and args.jobs < 1:
        raise fail(f"--jobs: '{args.jobs}' は使えません（1 以上の整数）")
    read_options = _read_options(args)

    from owabilint.errors import OwabilintError
    from owabilint.runner import plan

    try:
        fmt = resolver.for_run().output_format
        jobs = plan(args.files, resolver)
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    fmt = fmt or ("rich" if sys.stdout.isatty() else "text")
    rules = _rules_of(jobs, resolver)

    if args.fix or args.diff:
        _fix_or_diff(
            jobs, rules, fmt=fmt, fail_on=args.fail_on, write=not args.diff, files=args.files, read_options=read_options
        )

    from owabilint.reporters import render
    from owabilint.runner import run_plan

    report = run_plan(jobs, workers=args.jobs, **read_options)
    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    color = fmt == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(render(report, fmt, color=color, rules=rules))
    sys.stdout.flush()
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise Exit(EXIT_FINDINGS if report.fails() else EXIT_OK)


def _resolver(args: argparse.Namespace, overrides=None):  # type: ignore[no-untyped-def]
    """The ConfigResolver for --config / --no-config (and command-line overrides)."""
    from owabilint.config import ConfigResolver, Overrides, ResolverOptions
    from owabilint.errors import OwabilintError

    options = ResolverOptions(config=args.config, no_config=args.no_config, overrides=overrides or Overrides())
    try:
        return ConfigResolver(options)
    except OwabilintError as exc:
        raise fail(str(exc)) from None


def _rules_of(jobs, resolver) -> list:  # type: ignore[no-untyped-def]
    """Every rule used in this run (for reporters that describe rules, e.g. SARIF)."""
    seen: dict[str, object] = {}
    for job in jobs:
        if isinstance(job, tuple):
            for rule in job[1]:
                seen.setdefault(rule.id, rule)
    if not seen:
        for rule in resolver.for_run().rules:
            seen.setdefault(rule.id, rule)
    return list(seen.values())


def _read_options(args: argparse.Namespace) -> dict:
    """How inputs are read: ``--encoding`` (checked here) and ``--max-bytes``."""
    encoding = args.encoding
    if encoding is not None:
        from owabilint.encoding import check_codec

        try:
            encoding = check_codec(encoding)
        except ValueError:
            raise fail(
                f"--encoding: 文字コード名 '{encoding}' を認識できません（例: utf-8, cp932, euc-jp, iso-2022-jp）"
            ) from None
    if args.max_bytes < 0:
        raise fail(f"--max-bytes: 0 以上の整数を指定してください（{args.max_bytes}）")
    return {"encoding": encoding, "max_bytes": args.max_bytes or None}


def _fix_or_diff(jobs, rules, *, fmt: str, fail_on: str | None, write: bool, files: list[str], read_options: dict) -> None:  # type: ignore[no-untyped-def]
    """``--fix`` (write) and ``--diff`` (print only); always ends the command."""
    from owabilint.fix_runner import fix_jobs
    from owabilint.reporters import render
    from owabilint.source import STDIN

    to_stdout = write and STDIN in files
    if to_stdout and len(files) > 1:
        raise fail("--fix: 標準入力（-）を修正するときは、ほかのファイルを同時に指定できません")
    outcome = fix_jobs(jobs, write=write, **read_options)
    report = outcome.report
    for fixed in outcome.inputs:
        if fixed.notice:
            echo(f"owabilint: {fixed.report.path}: {fixed.notice}", err=True)
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


def _print_config(resolver, target: str | None, fmt: str) -> None:  # type: ignore[no-untyped-def]
    import json

    from owabilint.config_display import as_dict, describe
    from owabilint.errors import OwabilintError

    try:
        resolved = resolver.for_path(target) if target else resolver.for_run()
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(as_dict(resolved), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(describe(resolved))
    sys.stdout.flush()


def _rules_here(args: argparse.Namespace) -> list:
    """The rules in effect here: built-in plus the rule packs of the configuration."""
    from owabilint.errors import OwabilintError

    try:
        return _resolver(args).for_run().rules
    except OwabilintError as exc:
        raise fail(str(exc)) from None


def show_config(args: argparse.Namespace) -> None:
    """Print the effective configuration and where each value came from."""
    if args.output_format not in ("toml", "json"):
        raise fail(f"--format: '{args.output_format}' は使えません（toml | json）")
    _print_config(_resolver(args), args.path, args.output_format)


def list_rules(args: argparse.Namespace) -> None:
    """List every rule (with the configuration's rule packs); --check PATH tests a pack."""
    if args.check is not None:
        _check_pack(args.check)
    from owabilint.rule_docs import print_rule_table

    print_rule_table(rules=_rules_here(args))


def _check_pack(path: str) -> None:
    """Load a rule pack and run its own examples; always ends the command."""
    from pathlib import Path

    from owabilint.rule_packs import load_rule_pack
    from owabilint.errors import OwabilintError
    from owabilint.examples import check_examples
    from owabilint.ruleset import builtin_rules, builtin_rules_dir, load_lexicons

    try:
        builtin = builtin_rules()
        pack = load_rule_pack(Path(path), load_lexicons(builtin_rules_dir() / "lexicons"))
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    builtin_ids = {b.id for b in builtin}
    for rule in pack:
        if rule.id in builtin_ids:
            raise fail(f"{rule.path}: key 'id': ルール ID '{rule.id}' は組み込みルールと重複しています")
    failures = check_examples(pack, [*builtin, *pack])
    failed_ids = {f.rule.id for f in failures}
    for rule in pack:
        status = "NG" if rule.id in failed_ids else "ok"
        echo(f"{status}  {rule.id}（{rule.path}）: 例 {len(rule.valid) + len(rule.invalid)} 件")
    for f in failures:
        text = f.text if len(f.text) <= 60 else f.text[:59] + "…"
        echo(f"{f.rule.path}: {f.key}: [{f.rule.id}] {f.problem}: {text!r}")
    total = sum(len(r.valid) + len(r.invalid) for r in pack)
    if failures:
        echo(f"{len(pack)} ルール、例 {total} 件中 {len(failures)} 件が失敗しました")
        raise Exit(EXIT_FINDINGS)
    echo(f"{len(pack)} ルール、例 {total} 件すべて成功しました")
    raise Exit(EXIT_OK)


def show_rule(args: argparse.Namespace) -> None:
    """Explain one rule, with its valid and invalid examples."""
    from owabilint.rule_docs import print_rule

    from owabilint.suppression import DIRECTIVE_RULES, describe_directive_rule

    if args.rule_id in DIRECTIVE_RULES:
        echo(describe_directive_rule(args.rule_id))
        return
    rules = _rules_here(args)
    known = [r.id for r in rules]
    if args.rule_id not in known:
        raise fail(
            f"不明なルール ID '{args.rule_id}' です{suggest(args.rule_id, known)}。一覧は owabilint rules で確認できます"
        )
    print_rule(args.rule_id, rules=rules)


def serve_lsp(args: argparse.Namespace) -> None:
    """Run the language server over stdio (for editors)."""
    from owabilint.lsp.server import main as serve

    serve()


def serve_page(args: argparse.Namespace) -> None:
    """Start the local review page (http://127.0.0.1:8765/ by default)."""
    from owabilint.serve.command import run

    raise Exit(run(args))


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

    def config_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", metavar="PATH", help="Use this configuration file for every draft.")
        p.add_argument("--no-config", action="store_true", help="Ignore every configuration file.")

    p = command("check", check)
    p.add_argument("files", nargs="*", metavar="FILE", help="Draft files or directories; - reads stdin.")
    p.add_argument(
        "--format", "-f", dest="output_format", metavar="FORMAT",
        help="rich | text | json | sarif | github | html (default: rich on a terminal, else text).",
    )
    p.add_argument("--select", action="append", metavar="IDS", help="Only these rule ids (comma-separated).")
    p.add_argument(
        "--extend-select", action="append", metavar="IDS", help="Add these rule ids to the selection (comma-separated)."
    )
    p.add_argument("--ignore", action="append", metavar="IDS", help="Skip these rule ids (comma-separated).")
    p.add_argument("--profile", metavar="NAME", help="recommended | strict | concise (default: from configuration).")
    p.add_argument(
        "--fail-on", metavar="LEVEL",
        help="Exit 1 for findings at or above: error | warning | info (default: warning).",
    )
    p.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N",
        help="Worker processes for many files (default: one per core; 1: none).",
    )
    p.add_argument(
        "--encoding", metavar="NAME",
        help="Read every input in this encoding instead of detecting it, e.g. cp932, euc-jp, utf-16-le.",
    )
    p.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"Refuse inputs larger than N bytes (default: {DEFAULT_MAX_BYTES:,}; 0: no limit).",
    )
    p.add_argument(
        "--fix", action="store_true", help="Apply the safe fixes and rewrite the files (with -: print the fixed text)."
    )
    p.add_argument(
        "--diff", action="store_true", help="Print the safe fixes as a unified diff; change nothing (exit 1 if any)."
    )

    config_options(p)
    p.add_argument(
        "--force-exclude", action="store_true",
        help="Apply the configuration's exclude to files named on the command line too (for pre-commit).",
    )
    p.add_argument(
        "--show-config", action="store_true", help="Print the effective configuration (for FILE or here) and exit."
    )

    p = command("config", show_config)
    p.add_argument("path", nargs="?", metavar="PATH", help="A draft or folder whose configuration to show (default: here).")
    p.add_argument("--format", "-f", dest="output_format", default="toml", metavar="FORMAT", help="toml | json.")
    config_options(p)

    p = command("rules", list_rules)
    p.add_argument("--check", metavar="PATH", help="Load a rule pack (folder or .toml file) and run its own examples.")
    config_options(p)

    command("lsp", serve_lsp)

    from owabilint.serve.command import add_options as serve_options

    serve_options(command("serve", serve_page))

    p = command("rule", show_rule)
    p.add_argument("rule_id", metavar="RULE_ID", help="A rule id, e.g. missing-apology.")
    config_options(p)
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
    namespace = parser.parse_args(_with_default_command(args, ("check", "config", "rules", "rule", "lsp", "serve")))
    try:
        namespace.handler(namespace)
    except Exit as exc:
        raise SystemExit(exc.code) from None
    raise SystemExit(EXIT_OK)


def run() -> None:
    app()
