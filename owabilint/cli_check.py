"""``owabilint check``: its options, planning the run, linting and reporting.

The caches of the run (owabilint.cache) are opened here and saved when the run ends,
whatever its outcome; a cache that cannot be read is logged, and ``--verbose`` shows it.
"""

# Annotations are evaluated at import (no `from __future__ import annotations`): typer
# would otherwise evaluate each command's annotation strings again on every run (≈ 5 ms).

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from owabilint import collector
from owabilint.cli_common import (
    DEFAULT_MAX_BYTES,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    ConfigPath,
    Exit,
    NoConfig,
    fail,
    int_option,
    print_config,
    resolver_for,
    split_ids,
)
from owabilint.cli_output import Output, fix_or_diff, write_report

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.config import ConfigResolver
    from owabilint.ruleset.loader import Rule
    from owabilint.runner import ReadOptions


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
    from owabilint.cache.caches import Caches

    caches = Caches.open()
    with _cache_messages(verbose):
        caches.preload_regexes()  # before the engine's modules are imported
    from owabilint.reporters import FORMATS

    if output_format is not None and output_format not in FORMATS:
        raise fail(f"--format: '{output_format}' は使えません（{' | '.join(FORMATS)}）")
    from owabilint.model import SEVERITIES

    if fail_on is not None and fail_on not in SEVERITIES:
        raise fail(f"--fail-on: '{fail_on}' は使えません（{' | '.join(SEVERITIES)}）")
    from owabilint.config import PROFILES, Overrides

    if profile is not None and profile not in PROFILES:
        raise fail(f"--profile: '{profile}' は使えません（{' | '.join(PROFILES)}）")
    selected = split_ids(select)
    overrides = Overrides(
        select=tuple(selected) if selected else None,
        extend_select=tuple(split_ids(extend_select)),
        ignore=tuple(split_ids(ignore)),
        profile=profile,
        fail_on=fail_on,
        output_format=output_format,
        force_exclude=force_exclude,
    )
    resolver = resolver_for(config, no_config, overrides)
    if show_config:
        print_config(resolver, files[0] if files else None, "toml")
        raise Exit(EXIT_OK)
    if stdin_filename is not None and not files:
        files = [STDIN]
    if not files:
        raise fail("下書きのファイルを指定してください（標準入力は -）")
    if stdin_filename is not None and STDIN not in files:
        raise fail("--stdin-filename: 標準入力（-）を読むときだけ指定できます")
    workers = int_option("--jobs", jobs, minimum=1)
    read = _read_options(encoding, int_option("--max-bytes", max_bytes, minimum=0))

    from owabilint.errors import OwabilintError
    from owabilint.runner import plan, prepare_jobs, run_plan

    with _cache_messages(verbose):
        try:
            try:
                fmt = resolver.for_run().output_format
                planned = plan(files, resolver)
            except OwabilintError as exc:
                raise fail(str(exc)) from None
            if stdin_filename is not None:
                planned = _stdin_as(stdin_filename, planned, resolver, read)
            to_terminal = output_file is None and sys.stdout.isatty()
            fmt = fmt or ("rich" if to_terminal else "text")
            rules = _rules_of(planned, resolver)
            collector.resume()  # start-up is over: what linting allocates is collected as usual
            output = Output(output_file, exit_zero)
            view = {"verbose": verbose, "quiet": quiet}
            if fix or diff:
                prepare_jobs(planned, caches)
                fix_or_diff(
                    planned,
                    rules,
                    fmt=fmt,
                    fail_on=fail_on,
                    write=not diff,
                    files=files,
                    read=read,
                    view=view,
                    output=output,
                )
            report = run_plan(planned, workers=workers, read=read, caches=caches)
        finally:
            caches.save()
    write_report(report, output, fmt=fmt, rules=rules, statistics=statistics, to_terminal=to_terminal, view=view)
    if report.has_errors:
        raise Exit(EXIT_USAGE)
    raise output.exit(report.fails())


@contextmanager
def _cache_messages(verbose: bool) -> Iterator[None]:
    """With ``--verbose``, problems with the caches (owabilint.cache logs them) are shown on stderr."""
    if not verbose:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("owabilint: %(message)s"))
    logger = logging.getLogger("owabilint.cache")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _stdin_as(name: str, planned: list, resolver: "ConfigResolver", read: "ReadOptions") -> list:
    """Read stdin now as the draft ``name``: its format (.md, .eml) and the configuration there."""
    from owabilint.errors import InputError, OwabilintError
    from owabilint.inputs.registry import format_of
    from owabilint.inputs.source import read_source

    try:
        resolved = resolver.for_path(name)
    except OwabilintError as exc:
        raise fail(str(exc)) from None
    out: list[object] = []
    for job in planned:
        if isinstance(job, tuple) and job[0] == STDIN:
            try:
                source = read_source(STDIN, format=format_of(name), encoding=read.encoding, max_bytes=read.max_bytes)
            except InputError as exc:
                out.append(InputError(name, exc.problem))
                continue
            source.name = name
            out.append((source, resolved.rules, resolved.settings))
        else:
            out.append(job)
    return out


def _rules_of(jobs: list, resolver: "ConfigResolver") -> "list[Rule]":
    """Every rule used in this run (for reporters that describe rules, e.g. SARIF)."""
    seen: dict[str, Rule] = {}
    for job in jobs:
        if isinstance(job, tuple):
            for rule in job[1]:
                seen.setdefault(rule.id, rule)
    if not seen:
        for rule in resolver.for_run().rules:
            seen.setdefault(rule.id, rule)
    return list(seen.values())


def _read_options(encoding: str | None, max_bytes: int | None) -> "ReadOptions":
    """How inputs are read: ``--encoding`` (checked here) and ``--max-bytes``."""
    if encoding is not None:
        from owabilint.inputs.encoding import check_codec

        try:
            encoding = check_codec(encoding)
        except ValueError:
            raise fail(
                f"--encoding: 文字コード名 '{encoding}' を認識できません（例: utf-8, cp932, euc-jp, iso-2022-jp）"
            ) from None
    from owabilint.runner import ReadOptions

    return ReadOptions(encoding=encoding, max_bytes=max_bytes or None)
