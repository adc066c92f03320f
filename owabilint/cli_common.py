"""What every command of the command line shares: exit codes, error lines, common options.

Only typer is imported here, so ``--version`` and ``--help`` stay fast: the engine,
Sudachi and rich are imported inside the commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from owabilint.cli_japanese import did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.config import ConfigResolver, Overrides
    from owabilint.ruleset.loader import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_BYTES = 2_000_000  # owabilint.inputs.source.DEFAULT_MAX_BYTES (not imported: --help stays light)
PROG = "owabilint"
STDIN = "-"  # owabilint.inputs.source.STDIN


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


def split_ids(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def suggest(name: str, known: list[str]) -> str:
    return did_you_mean(name, known)


def int_option(name: str, value: str | None, *, minimum: int) -> int | None:
    """An optional integer option (``None`` when not given), at least ``minimum``."""
    return None if value is None else int_value(name, value, minimum=minimum)


def int_value(name: str, value: str, *, minimum: int) -> int:
    """An integer option with a default, at least ``minimum``; a usage error otherwise."""
    try:
        number = int(value)
    except ValueError:
        raise fail(f"{name}: '{value}' は整数ではありません（{minimum} 以上の整数）") from None
    if number < minimum:
        raise fail(f"{name}: '{value}' は使えません（{minimum} 以上の整数）")
    return number


ConfigPath = Annotated[
    str | None, typer.Option("--config", metavar="PATH", help="この設定ファイルをすべての下書きに使います。")
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="設定ファイルをすべて無視します。")]


def resolver_for(config: str | None, no_config: bool, overrides: Overrides | None = None) -> ConfigResolver:
    """The ConfigResolver for --config / --no-config (and command-line overrides)."""
    from owabilint.config import ConfigResolver, Overrides, ResolverOptions
    from owabilint.errors import OwabilintError

    options = ResolverOptions(config=config, no_config=no_config, overrides=overrides or Overrides())
    try:
        return ConfigResolver(options)
    except OwabilintError as exc:
        raise fail(str(exc)) from None


def print_config(resolver: ConfigResolver, target: str | None, fmt: str) -> None:
    import json

    from owabilint.config.display import as_dict, describe
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


def rules_here(config: str | None, no_config: bool) -> list[Rule]:
    """The rules in effect here: built-in plus the rule packs of the configuration."""
    from owabilint.errors import OwabilintError

    try:
        return resolver_for(config, no_config).for_run().rules
    except OwabilintError as exc:
        raise fail(str(exc)) from None
