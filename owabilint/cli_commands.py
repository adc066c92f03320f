"""The commands besides ``check``: config, rules, rule, lsp, serve, init."""

# Annotations are evaluated at import (no `from __future__ import annotations`): typer
# would otherwise evaluate each command's annotation strings again on every run (≈ 5 ms).

from pathlib import Path
from typing import Annotated

import typer

from owabilint.cli_common import (
    DEFAULT_MAX_BYTES,
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigPath,
    Exit,
    NoConfig,
    echo,
    fail,
    int_value,
    print_config,
    resolver_for,
    rules_here,
    suggest,
)


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
    print_config(resolver_for(config, no_config, Overrides(profile=profile)), path, output_format)


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

    print_rule_table(rules=rules_here(config, no_config))


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
    rules = rules_here(config, no_config)
    known = [r.id for r in rules]
    if rule_id not in known:
        raise fail(f"不明なルール ID '{rule_id}' です{suggest(rule_id, known)}。一覧は owabilint rules で確認できます")
    print_rule(rule_id, rules=rules)


def lsp_command() -> None:
    """エディタ向けの言語サーバーを標準入出力で起動します。"""
    from owabilint.lsp.server import main as serve

    serve()


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
        port=int_value("--port", port, minimum=0),
        allow_remote=allow_remote,
        allowed_hosts=tuple(allowed_host or ()),
        open_browser=open_browser,
        max_bytes=int_value("--max-bytes", max_bytes, minimum=1),
        config=config,
        no_config=no_config,
    )
    raise Exit(run(options))


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
