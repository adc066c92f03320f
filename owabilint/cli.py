"""The command line: a thin typer shell around the engine.

``owabilint FILE...`` is short for ``owabilint check FILE...``. Only typer is imported at
start-up; the engine, Sudachi and rich are imported inside the commands, so
``--version`` and ``--help`` stay fast. Help pages and usage errors are Japanese
(:mod:`owabilint.cli_japanese`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from typer import _click

from owabilint import __version__
from owabilint.cli_japanese import JapaneseCommand, JapaneseGroup, did_you_mean, usage_error_message

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_BYTES = 2_000_000  # owabilint.inputs.source.DEFAULT_MAX_BYTES (not imported: --help stays light)
DEFAULT_COMMAND = "check"
PROG = "owabilint"
STDIN = "-"  # owabilint.inputs.source.STDIN

DESCRIPTION = (
    "owabilint — 個人情報漏えいのお詫び文（下書き）をチェックするリンターです。\n\n"
    "owabilint FILE... は owabilint check FILE... と同じです。標準入力は - で指定します。"
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
    return did_you_mean(name, known)


def _int_option(name: str, value: str | None, *, minimum: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise fail(f"{name}: '{value}' は整数ではありません（{minimum} 以上の整数）") from None
    if number < minimum:
        raise fail(f"{name}: '{value}' は使えません（{minimum} 以上の整数）")
    return number


# ---------------------------------------------------------------------- the typer app
typer_app = typer.Typer(
    name=PROG,
    help=DESCRIPTION,
    cls=JapaneseGroup,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

ConfigPath = Annotated[
    str | None, typer.Option("--config", metavar="PATH", help="この設定ファイルをすべての下書きに使います。")
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="設定ファイルをすべて無視します。")]


def _show_version(value: bool) -> None:
    if value:
        echo(f"owabilint {__version__}")
        raise typer.Exit(EXIT_OK)


@typer_app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_show_version, help="バージョンを表示して終了します。"),
    ] = False,
) -> None:
    pass


@typer_app.command("check", cls=JapaneseCommand)
def check_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(metavar="FILE", help="下書きのファイルまたはフォルダ。- は標準入力。", show_default=False),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="出力形式: rich | text | json | sarif | github | html（既定: 端末では rich、それ以外は text）。",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="IDS", help="これらのルールだけを実行します（ルール ID をカンマ区切りで）。"),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", metavar="IDS", help="これらのルールを選択に加えます（カンマ区切り）。"),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="IDS", help="これらのルールを実行しません（カンマ区切り）。"),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", metavar="NAME", help="重大度のプロファイル: recommended | strict | concise。"),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="この重大度以上の指摘があれば終了コード 1: error | warning | info（既定: warning）。",
        ),
    ] = None,
    jobs: Annotated[
        str | None,
        typer.Option(
            "--jobs", "-j", metavar="N", help="多数のファイルを並列に処理するプロセス数（既定: コア数、1: 並列なし）。"
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="文字コードを判定せず、この文字コードで読みます（例: cp932, euc-jp, utf-16-le）。",
        ),
    ] = None,
    max_bytes: Annotated[
        str,
        typer.Option(
            "--max-bytes",
            metavar="N",
            help=f"N バイトより大きい入力を拒否します（既定: {DEFAULT_MAX_BYTES:,}、0: 制限なし）。",
            show_default=False,
        ),
    ] = str(DEFAULT_MAX_BYTES),
    fix: Annotated[
        bool,
        typer.Option("--fix", help="安全な自動修正を適用してファイルを書き換えます（- のときは修正後の本文を出力）。"),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="安全な自動修正を差分で表示します。ファイルは変えません（修正があれば終了コード 1）。"
        ),
    ] = False,
    config: ConfigPath = None,
    no_config: NoConfig = False,
    force_exclude: Annotated[
        bool,
        typer.Option(
            "--force-exclude",
            help="設定の exclude をコマンドラインで指定したファイルにも適用します（pre-commit 向け）。",
        ),
    ] = False,
    show_config: Annotated[
        bool, typer.Option("--show-config", help="有効な設定（FILE の、または現在のフォルダの）を表示して終了します。")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="問題のないファイルもチェックリストつきで表示します（rich）。")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="指摘だけを表示します（問題のないファイルの行、集計、補足を出しません）。"),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="指摘があっても終了コード 0 で終わります（入力エラーは 2 のまま）。")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="指摘の代わりに、ルールごとの件数を多い順に表示します。")
    ] = False,
    output_file: Annotated[
        str | None,
        typer.Option("--output-file", "-o", metavar="PATH", help="結果を標準出力ではなくこのファイルに書きます。"),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="NAME",
            help="標準入力をこの名前のファイルとして扱います（.md / .eml の読み方と、その場所の設定が適用されます）。",
        ),
    ] = None,
) -> None:
    """下書きをチェックします（既定のコマンド）。"""
    files = files or []
    from owabilint.reporters import FORMATS

    if output_format is not None and output_format not in FORMATS:
        raise fail(f"--format: '{output_format}' は使えません（{' | '.join(FORMATS)}）")
    from owabilint.model import SEVERITIES

    if fail_on is not None and fail_on not in SEVERITIES:
        raise fail(f"--fail-on: '{fail_on}' は使えません（{' | '.join(SEVERITIES)}）")
    from owabilint.config import PROFILES, Overrides

    if profile is not None and profile not in PROFILES:
        raise fail(f"--profile: '{profile}' は使えません（{' | '.join(PROFILES)}）")
    selected = _split_ids(select)
    overrides = Overrides(
        select=tuple(selected) if selected else None,
        extend_select=tuple(_split_ids(extend_select)),
        ignore=tuple(_split_ids(ignore)),
        profile=profile,
        fail_on=fail_on,
        output_format=output_format,
        force_exclude=force_exclude,
    )
    resolver = _resolver(config, no_config, overrides)
    if show_config:
        _print_config(resolver, files[0] if files else None, "toml")
        raise Exit(EXIT_OK)
    if stdin_filename is not None and not files:
        files = [STDIN]
    if not files:
        raise fail("下書きのファイルを指定してください（標準入力は -）")
    if stdin_filename is not None and STDIN not in files:
        raise fail("--stdin-filename: 標準入力（-）を読むときだけ指定できます")
    workers = _int_option("--jobs", jobs, minimum=1)
    read_options = _read_options(encoding, _int_option("--max-bytes", max_bytes, minimum=0))

    from owabilint.errors import OwabilintError
    from owabilint.runner import plan

    try:
        fmt = resolver.for_run().output_format
        planned = plan(files, resolver)
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    if stdin_filename is not None:
        planned = _stdin_as(stdin_filename, planned, resolver, read_options)
    to_terminal = output_file is None and sys.stdout.isatty()
    fmt = fmt or ("rich" if to_terminal else "text")
    rules = _rules_of(planned, resolver)
    output = Output(output_file, exit_zero)

    view = {"verbose": verbose, "quiet": quiet}
    if fix or diff:
        _fix_or_diff(
            planned,
            rules,
            fmt=fmt,
            fail_on=fail_on,
            write=not diff,
            files=files,
            read_options=read_options,
            view=view,
            output=output,
        )

    from owabilint.reporters import render
    from owabilint.runner import run_plan

    report = run_plan(planned, workers=workers, **read_options)
    for f in report.files:
        if f.error:
            echo(f"owabilint: error: {f.path}: {f.error}", err=True)
    if statistics:
        from owabilint.statistics import render_statistics

        output.write(render_statistics(report, json_format=fmt == "json"))
    else:
        color = fmt == "rich" and to_terminal and "NO_COLOR" not in os.environ
        output.write(render(report, fmt, color=color, rules=rules, **view))
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise output.exit(report.fails())


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


def _stdin_as(name: str, planned: list, resolver, read_options: dict) -> list:  # type: ignore[no-untyped-def]
    """Read stdin now as the draft ``name``: its format (.md, .eml) and the configuration there."""
    from owabilint.errors import InputError, OwabilintError
    from owabilint.inputs.registry import format_of
    from owabilint.inputs.source import read_source

    try:
        resolved = resolver.for_path(name)
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    out: list = []
    for job in planned:
        if isinstance(job, tuple) and job[0] == STDIN:
            try:
                source = read_source(STDIN, format=format_of(name), **read_options)
            except InputError as exc:
                out.append(InputError(name, exc.problem))
                continue
            source.name = name
            out.append((source, resolved.rules, resolved.settings))
        else:
            out.append(job)
    return out


def _resolver(config: str | None, no_config: bool, overrides=None):  # type: ignore[no-untyped-def]
    """The ConfigResolver for --config / --no-config (and command-line overrides)."""
    from owabilint.config import ConfigResolver, Overrides, ResolverOptions
    from owabilint.errors import OwabilintError

    options = ResolverOptions(config=config, no_config=no_config, overrides=overrides or Overrides())
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


def _read_options(encoding: str | None, max_bytes: int | None) -> dict:
    """How inputs are read: ``--encoding`` (checked here) and ``--max-bytes``."""
    if encoding is not None:
        from owabilint.inputs.encoding import check_codec

        try:
            encoding = check_codec(encoding)
        except ValueError:
            raise fail(
                f"--encoding: 文字コード名 '{encoding}' を認識できません（例: utf-8, cp932, euc-jp, iso-2022-jp）"
            ) from None
    return {"encoding": encoding, "max_bytes": max_bytes or None}


def _fix_or_diff(  # type: ignore[no-untyped-def]
    jobs,
    rules,
    *,
    fmt: str,
    fail_on: str | None,
    write: bool,
    files: list[str],
    read_options: dict,
    view: dict,
    output: Output,
) -> None:
    """``--fix`` (write) and ``--diff`` (print only); always ends the command."""
    from owabilint.fix_runner import fix_jobs
    from owabilint.inputs.formats import PositionBase
    from owabilint.reporters import render

    to_stdout = write and STDIN in files
    if to_stdout and len(files) > 1:
        raise fail("--fix: 標準入力（-）を修正するときは、ほかのファイルを同時に指定できません")
    outcome = fix_jobs(jobs, write=write, **read_options)
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


def _print_config(resolver, target: str | None, fmt: str) -> None:  # type: ignore[no-untyped-def]
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


def _rules_here(config: str | None, no_config: bool) -> list:
    """The rules in effect here: built-in plus the rule packs of the configuration."""
    from owabilint.errors import OwabilintError

    try:
        return _resolver(config, no_config).for_run().rules
    except OwabilintError as exc:
        raise fail(str(exc)) from None


@typer_app.command("config", cls=JapaneseCommand)
def config_command(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="設定を表示する下書きまたはフォルダ（既定: 現在のフォルダ）。", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="toml | json（既定: toml）。", show_default=False)
    ] = "toml",
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            help="このプロファイルを使ったときの設定を表示します: recommended | strict | concise。",
        ),
    ] = None,
    config: ConfigPath = None,
    no_config: NoConfig = False,
) -> None:
    """有効な設定と、それぞれの値がどこから来たかを表示します。"""
    if output_format not in ("toml", "json"):
        raise fail(f"--format: '{output_format}' は使えません（toml | json）")
    from owabilint.config import PROFILES, Overrides

    if profile is not None and profile not in PROFILES:
        raise fail(f"--profile: '{profile}' は使えません（{' | '.join(PROFILES)}）{suggest(profile, list(PROFILES))}")
    _print_config(_resolver(config, no_config, Overrides(profile=profile)), path, output_format)


@typer_app.command("rules", cls=JapaneseCommand)
def rules_command(
    check: Annotated[
        str | None,
        typer.Option(
            "--check", metavar="PATH", help="ルールパック（フォルダまたは .toml）を読み込み、その例を実行します。"
        ),
    ] = None,
    config: ConfigPath = None,
    no_config: NoConfig = False,
) -> None:
    """すべてのルールの一覧を表示します（設定のルールパックを含む）。"""
    if check is not None:
        _check_pack(check)
    from owabilint.ruleset.docs import print_rule_table

    print_rule_table(rules=_rules_here(config, no_config))


def _check_pack(path: str) -> None:
    """Load a rule pack and run its own examples; always ends the command."""
    from owabilint.errors import OwabilintError
    from owabilint.ruleset.examples import check_examples
    from owabilint.ruleset.loader import builtin_rules, builtin_rules_dir, load_lexicons
    from owabilint.ruleset.packs import load_rule_pack

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


@typer_app.command("rule", cls=JapaneseCommand)
def rule_command(
    rule_id: Annotated[
        str, typer.Argument(metavar="RULE_ID", help="ルール ID（例: missing-apology）。", show_default=False)
    ],
    config: ConfigPath = None,
    no_config: NoConfig = False,
) -> None:
    """ひとつのルールを、良い例・悪い例とともに説明します。"""
    from owabilint.ruleset.docs import print_rule
    from owabilint.suppression import DIRECTIVE_RULES, describe_directive_rule

    if rule_id in DIRECTIVE_RULES:
        echo(describe_directive_rule(rule_id))
        return
    rules = _rules_here(config, no_config)
    known = [r.id for r in rules]
    if rule_id not in known:
        raise fail(f"不明なルール ID '{rule_id}' です{suggest(rule_id, known)}。一覧は owabilint rules で確認できます")
    print_rule(rule_id, rules=rules)


@typer_app.command("lsp", cls=JapaneseCommand)
def lsp_command() -> None:
    """エディタ向けの言語サーバーを標準入出力で起動します。"""
    from owabilint.lsp.server import main as serve

    serve()


@typer_app.command("serve", cls=JapaneseCommand)
def serve_command(
    port: Annotated[
        str,
        typer.Option(
            "--port", metavar="N", help="待ち受けるポート（既定: 8765、0: 空いているポート）。", show_default=False
        ),
    ] = "8765",
    host: Annotated[
        str,
        typer.Option("--host", metavar="ADDRESS", help="待ち受けるアドレス（既定: 127.0.0.1）。", show_default=False),
    ] = "127.0.0.1",
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="127.0.0.1 以外のアドレスでの待ち受けを許可します（ほかのコンピューターから下書きを送れるようになります）。",
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host", metavar="NAME", help="ページを開くときに使うほかのホスト名（--allow-remote と併用）。"
        ),
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="ブラウザーでページを開きます。")] = False,
    max_bytes: Annotated[
        str,
        typer.Option(
            "--max-bytes",
            metavar="N",
            help=f"受け付ける下書き・ファイルの上限バイト数（既定: {DEFAULT_MAX_BYTES:,}）。",
            show_default=False,
        ),
    ] = str(DEFAULT_MAX_BYTES),
    config: ConfigPath = None,
    no_config: NoConfig = False,
) -> None:
    """お詫び文チェックのページをこのパソコンで開きます（既定: http://127.0.0.1:8765/）。"""
    from owabilint.serve.command import ServeOptions, run

    options = ServeOptions(
        host=host,
        port=_int_option("--port", port, minimum=0),  # type: ignore[arg-type]
        allow_remote=allow_remote,
        allowed_hosts=tuple(allowed_host or ()),
        open_browser=open_browser,
        max_bytes=_int_option("--max-bytes", max_bytes, minimum=1),  # type: ignore[arg-type]
        config=config,
        no_config=no_config,
    )
    raise Exit(run(options))


@typer_app.command("init", cls=JapaneseCommand)
def init_command(
    folder: Annotated[
        str | None,
        typer.Argument(
            metavar="FOLDER", help="設定ファイルを作るフォルダ（既定: 現在のフォルダ）。", show_default=False
        ),
    ] = None,
) -> None:
    """コメント付きの owabilint.toml を作ります（既にあれば上書きしません）。"""
    from owabilint.config.files import CONFIG_FILE_NAME
    from owabilint.config.template import TEMPLATE

    target = Path(folder or ".") / CONFIG_FILE_NAME
    if not target.parent.is_dir():
        raise fail(f"{target.parent}: フォルダが見つかりません")
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:
            out.write(TEMPLATE)
    except FileExistsError:
        raise fail(f"{target}: 既にあるため上書きしません（内容は owabilint config で確認できます）") from None
    except OSError as exc:
        raise fail(f"{target}: 書き込めません（{exc.strerror}）") from None
    echo(f"{target} を作成しました。内容は owabilint config で確認できます")


# ---------------------------------------------------------------------- entry point
_GROUP_OPTIONS = ("--help", "-h", "--version", "--install-completion", "--show-completion")


def _click_group() -> _click.Command:
    return typer.main.get_command(typer_app)


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
    group = _click_group()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args and "_OWABILINT_COMPLETE" not in os.environ:
        with group.make_context(PROG, ["--help"], resilient_parsing=True) as ctx:
            sys.stderr.write(group.get_help(ctx) + "\n")
        raise SystemExit(EXIT_USAGE)
    commands = tuple(group.commands)  # type: ignore[attr-defined]
    try:
        args = _with_default_command(args, commands)
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
    from owabilint.interrupts import run_main

    run_main(app)
