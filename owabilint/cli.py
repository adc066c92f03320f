"""The command line: a thin typer shell around the engine.

``owabilint FILE...`` is short for ``owabilint check FILE...``. Only typer is imported at
start-up; the engine, Sudachi and rich are imported inside the commands, so
``--version`` and ``--help`` stay fast. Help pages and usage errors are Japanese
(:mod:`owabilint.cli_japanese`).

- ``cli``: the typer app, its commands in help order, :func:`run` (owabilint.__main__ is
  the console script's entry);
- ``cli_common``: exit codes, error lines and options every command shares;
- ``cli_check``: the ``check`` command and its options;
- ``cli_output``: where reports go, and the ``--fix``/``--diff`` reports;
- ``cli_commands``: config, rules, rule, lsp, serve, init.
"""

# Annotations are evaluated at import (no `from __future__ import annotations`): typer
# would otherwise evaluate each command's annotation strings again on every run (≈ 5 ms).

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from typer import _click

from owabilint import __version__, collector
from owabilint.cli_check import check_command
from owabilint.cli_commands import (
    config_command,
    init_command,
    lsp_command,
    rule_command,
    rules_command,
    serve_command,
)
from owabilint.cli_common import EXIT_OK, EXIT_USAGE, PROG, Exit, echo, fail
from owabilint.cli_japanese import JapaneseCommand, JapaneseGroup, did_you_mean, usage_error_message

DEFAULT_COMMAND = "check"
DESCRIPTION = (
    "owabilint — 個人情報漏えいのお詫び文（下書き）をチェックするリンターです。\n\n"
    "owabilint FILE... は owabilint check FILE... と同じです。標準入力は - で指定します。"
)


# ---------------------------------------------------------------------- the typer app
def _show_version(value: bool) -> None:
    if value:
        echo(f"owabilint {__version__}")
        raise typer.Exit(EXIT_OK)


def _main(
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_show_version, help="バージョンを表示して終了します。"),
    ] = False,
) -> None:
    pass


COMMANDS = (  # in the order help lists them
    ("check", check_command),
    ("config", config_command),
    ("rules", rules_command),
    ("rule", rule_command),
    ("lsp", lsp_command),
    ("serve", serve_command),
    ("init", init_command),
)
COMMAND_NAMES = tuple(name for name, _command in COMMANDS)


def typer_app_with(names: Sequence[str] = COMMAND_NAMES) -> typer.Typer:
    """The typer app holding the commands ``names`` (by default all of them, as its help lists them)."""
    app = typer.Typer(
        name=PROG,
        help=DESCRIPTION,
        cls=JapaneseGroup,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    app.callback()(_main)
    for name, command in COMMANDS:
        if name in names:
            app.command(name, cls=JapaneseCommand)(command)
    return app


# ---------------------------------------------------------------------- entry point
_GROUP_OPTIONS = ("--help", "-h", "--version", "--install-completion", "--show-completion")


def _click_group(command: str | None = None) -> _click.Command:
    """The click group of the app; with ``command``, holding that command alone: building
    a command's options from its signature costs about 1 ms each, and a run uses one."""
    return typer.main.get_command(typer_app_with(COMMAND_NAMES if command is None else (command,)))


def _with_default_command(args: list[str], commands: Sequence[str]) -> list[str]:
    """``owabilint FILE...`` → ``owabilint check FILE...``; a mistyped command is an error."""
    if not args or args[0] in commands or args[0] in _GROUP_OPTIONS:
        return args
    first = args[0]
    if not first.startswith("-") and not Path(first).exists():
        hint = did_you_mean(first, list(commands))
        if hint:
            raise fail(f"'{first}' というコマンドもファイルもありません{hint}")
    return [DEFAULT_COMMAND, *args]


def app(argv: Sequence[str] | None = None) -> None:
    """Parse ``argv`` (default: sys.argv[1:]), run the command; always raises SystemExit."""
    args = list(sys.argv[1:] if argv is None else argv)
    completing = "_OWABILINT_COMPLETE" in os.environ
    if not args and not completing:
        group = _click_group()
        with group.make_context(PROG, ["--help"], resilient_parsing=True) as ctx:
            sys.stderr.write(group.get_help(ctx) + "\n")
        raise SystemExit(EXIT_USAGE)
    commands = COMMAND_NAMES
    try:
        args = _with_default_command(args, commands)
        group = _click_group(args[0] if args and args[0] in commands and not completing else None)
        if not args or args[0] != DEFAULT_COMMAND:
            collector.resume()  # the check command resumes it once its rules are ready
        code = group.main(args, prog_name=PROG, standalone_mode=False)
    except Exit as exc:
        raise SystemExit(exc.code) from None
    except _click.exceptions.UsageError as exc:
        path = f"{PROG} {args[0]}" if args[0] in commands else PROG
        echo(f"owabilint: error: {usage_error_message(exc, path)}", err=True)
        raise SystemExit(EXIT_USAGE) from None
    except typer.Abort:
        echo("owabilint: 中断しました", err=True)
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else EXIT_OK)


def run() -> None:
    """Run the command line (owabilint.__main__ calls it, the collector already paused)."""
    from owabilint.interrupts import run_main

    collector.pause()
    run_main(app)
