"""Japanese help pages and usage errors for the typer CLI.

typer (and the click it vendors) prints English headings, wraps help by character count
and reports usage errors in English. The classes here give the commands Japanese
headings and a help formatter that wraps by display width with Japanese line-breaking
rules; :func:`usage_error_message` turns a usage error into one Japanese line. Help is
plain text (typer's rich help would import rich, markdown-it and pygments on every
``--help``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer import _click

from owabilint.suggest import did_you_mean
from owabilint.textwidth import text_width, wrap

HELP_OPTION_TEXT = "このヘルプを表示して終了します。"
USAGE_PREFIX = "使い方: "

# typer.core looks its headings up through gettext; these are the strings it asks for.
_HEADINGS = {
    "Arguments": "引数",
    "Options": "オプション",
    "Commands": "コマンド",
    "required": "必須",
    "default: {default}": "既定: {default}",
    "env var: {var}": "環境変数: {var}",
    "(dynamic)": "（実行時に決定）",
    "Missing command.": "コマンドを指定してください。",
    "Aborted!": "中断しました。",
}

# typer adds these options for shell completion; their help is English.
COMPLETION_HELP = {
    "install_completion": "いま使っているシェルに補完を設定します。",
    "show_completion": "いま使っているシェルの補完スクリプトを表示します（設定を変えずに確認・調整するため）。",
}


def _translate(message: str) -> str:
    return _HEADINGS.get(message, message)


typer.core._ = _translate  # typer.core's gettext lookups


class JapaneseHelpFormatter(_click.HelpFormatter):
    """click's help formatter, wrapping by display width with 行頭禁則."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        room = max((self.width or 80) - self.current_indent, 20)
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                self.write("\n")
                continue
            lead = len(paragraph) - len(paragraph.lstrip(" "))
            for line in wrap(paragraph.strip(), room - lead):
                self.write(f"{indent}{' ' * lead}{line}\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((text_width(r[0]) for r in rows), default=0), col_max)
        indent = self.current_indent
        room = max((self.width or 80) - indent - first_width - col_spacing, 20)
        for first, second in rows:
            self.write(" " * indent + first)
            if not second:
                self.write("\n")
                continue
            pad = first_width - text_width(first)
            if pad < 0:  # a long option name: its help starts on the next line
                self.write("\n" + " " * (indent + first_width + col_spacing))
            else:
                self.write(" " * (pad + col_spacing))
            lines = [line for para in second.split("\n") if para.strip() for line in wrap(para.strip(), room)]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (indent + first_width + col_spacing) + line + "\n")


class JapaneseContext(typer.Context):
    formatter_class = JapaneseHelpFormatter


def _localise_params(command: _click.Command, ctx: _click.Context) -> None:
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        help_option.help = HELP_OPTION_TEXT
    for param in command.params:
        if param.name in COMPLETION_HELP and isinstance(param, typer.core.TyperOption):
            param.help = COMPLETION_HELP[param.name]


def _format_params(command: _click.Command, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
    """Arguments by their metavar (typer would add a Python type), then options."""
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            if isinstance(param, typer.core.TyperArgument) and param.help:
                arguments.append((param.metavar or (param.name or "").upper(), param.help))
        else:
            record = param.get_help_record(ctx)
            if record is not None:
                options.append(record)
    for heading, rows in (("引数", arguments), ("オプション", options)):
        if rows:
            with formatter.section(heading):
                formatter.write_dl(rows)


class _Japanese(_click.Command):
    """Japanese help pages and pydantic-free parsing, shared by commands and the group
    (mixed in before typer's command and group classes)."""

    context_class: type[_click.Context] = JapaneseContext

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _localise_params(self, ctx)
        _click.Command.format_help(self, ctx, formatter)  # click's plain layout, not typer's rich one

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _format_params(self, ctx, formatter)

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        skip_pydantic(self, ctx)
        return super().parse_args(ctx, args)


class JapaneseCommand(_Japanese, typer.core.TyperCommand):
    pass


class JapaneseGroup(_Japanese, typer.core.TyperGroup):
    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<v>.*)\)"), "余分な引数 {v} があります"),
    (re.compile(r"Option '(?P<v>[^']*)' requires an argument\."), "{v} には値を指定してください"),
    (re.compile(r"Option '(?P<v>[^']*)' requires \d+ arguments\."), "{v} に指定する値が足りません"),
    (re.compile(r"Option '(?P<v>[^']*)' does not take a value\."), "{v} には値を付けられません"),
]


def usage_error_message(exc: _click.exceptions.UsageError, command_path: str) -> str:
    """One Japanese line for a usage error, with the command's help command as a hint.

    ``command_path`` names the command when the error does not know it (the option
    parser raises some errors without a context).
    """
    ctx = exc.ctx
    path = ctx.command_path if ctx is not None else command_path
    hint = f"。使い方は {path} --help で確認できます"
    if isinstance(exc, _click.exceptions.NoSuchOption):
        known = sorted(exc.possibilities or []) if exc.possibilities else []
        if not known and ctx is not None:
            known = [o for p in ctx.command.get_params(ctx) for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]
        return f"不明なオプション '{exc.option_name}' です{did_you_mean(exc.option_name, known)}{hint}"
    if isinstance(exc, _click.exceptions.MissingParameter):
        param = exc.param
        name = (param.metavar or (param.name or "").upper()) if param is not None else "引数"
        return f"{name} を指定してください{hint}"
    message = exc.format_message()
    for pattern, japanese in _PATTERNS:
        m = pattern.fullmatch(message)
        if m:
            return japanese.format(**m.groupdict()) + hint
    if isinstance(exc, _click.exceptions.BadParameter):
        return f"{message}{hint}"
    return f"コマンドラインを解釈できません（{message}）{hint}"


def _plain_string_coercion() -> type | None:
    """A typer runtime coercion that passes strings through without pydantic.

    typer validates every non-flag parameter with a pydantic TypeAdapter, and importing
    pydantic costs about 0.1 s per run, more than linting a draft. owabilint's
    parameters are all ``str``, ``list[str]`` or flags, which the commands check
    themselves, so they need no coercion. Returns None when typer's internals differ
    (typer then does its own coercion: slower, still correct).
    """
    try:
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another typer
        return None

    class PlainStrings(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return list(value) if isinstance(value, (list, tuple)) else value

    return PlainStrings


def _is_plain_string(annotation: object) -> bool:
    import typing

    if annotation in (str, bool):  # flags arrive as bools already
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        return args == (str,)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        rest = [a for a in args if a is not type(None)]
        return len(rest) == 1 and _is_plain_string(rest[0])
    return False


def skip_pydantic(command: _click.Command, ctx: _click.Context) -> None:
    """Give ``str`` and ``list[str]`` parameters a pass-through coercion (see above)."""
    plain = _plain_string_coercion()
    if plain is None:
        return
    for param in command.get_params(ctx):  # with the help option
        if not isinstance(param, typer.core._TyperParameter) or param._runtime_param is not None:
            continue
        descriptor = param.type_descriptor
        if _is_plain_string(descriptor.annotation):
            param._runtime_param = plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
