"""Configuration files: discovery order, every key, the CLI options and bad configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, run_json

from owabilint.config import ConfigResolver, Overrides, ResolverOptions, resolve_settings
from owabilint.engine import lint_text
from owabilint.errors import ConfigError

# A draft with an emotional "！" (warning) and no date, count or prevention (errors).
DRAFT = """件名：会員情報の流出に関するお詫び

会員の皆様

先日、当社の会員サイトからお客様の氏名とメールアドレスが流出したことが判明いたしました！
ご迷惑をおかけしておりますことを、深くお詫び申し上げます。
再発防止に努めてまいります。

お問い合わせ窓口：0120-000-555（受付時間 平日9時〜17時）
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_fired(path: Path, **options) -> set[str]:
    resolved = resolve_settings(path, **options)
    text = path.read_text(encoding="utf-8")
    report = lint_text(text, path=str(path), rules=resolved.rules, settings=resolved.settings)
    return {d.rule for d in report.diagnostics}


def severities(path: Path, **options) -> dict[str, str]:
    resolved = resolve_settings(path, **options)
    report = lint_text(path.read_text(encoding="utf-8"), rules=resolved.rules, settings=resolved.settings)
    return {d.rule: d.severity for d in report.diagnostics}


# ---------------------------------------------------------------- discovery
def test_no_configuration_means_every_rule_at_its_default(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", DRAFT)
    found = severities(draft)
    assert found["emotional-expression"] == "warning"
    assert found["missing-record-count"] == "error"
    assert resolve_settings(draft).config is None


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    write(tmp_path / "team" / "owabilint.toml", 'ignore = ["missing-record-count"]\n')
    top = write(tmp_path / "top.txt", DRAFT)
    deep = write(tmp_path / "team" / "drafts" / "deep.txt", DRAFT)
    assert "emotional-expression" not in rules_fired(top)
    assert "missing-record-count" in rules_fired(top)
    # the nearer file replaces the farther one (no merging)
    assert "missing-record-count" not in rules_fired(deep)
    assert "emotional-expression" in rules_fired(deep)
    assert resolve_settings(deep).config.path == (tmp_path / "team" / "owabilint.toml").resolve()


def test_file_names_in_one_folder_and_pyproject_without_table(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert resolve_settings(draft).config is None  # no [tool.owabilint]: keep looking, find nothing
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.owabilint]\nignore = ["missing-record-count"]\n')
    resolved = resolve_settings(draft)
    assert resolved.config.path.name == "pyproject.toml"
    assert resolved.settings.ignore == {"missing-record-count"}
    write(tmp_path / ".owabilint.toml", 'ignore = ["missing-prevention"]\n')
    assert resolve_settings(draft).config.path.name == ".owabilint.toml"
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    assert resolve_settings(draft).config.path.name == "owabilint.toml"


def test_pyproject_in_a_nearer_folder_beats_owabilint_toml_further_up(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.owabilint]\nignore = ["missing-prevention"]\n')
    draft = write(tmp_path / "sub" / "a.txt", DRAFT)
    assert resolve_settings(draft).settings.ignore == {"missing-prevention"}


def test_config_option_overrides_discovery_and_no_config_ignores_all(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    other = write(tmp_path / "elsewhere" / "custom.toml", 'ignore = ["missing-record-count"]\n')
    draft = write(tmp_path / "a.txt", DRAFT)
    assert resolve_settings(draft, config=str(other)).settings.ignore == {"missing-record-count"}
    assert resolve_settings(draft, no_config=True).settings.ignore == set()
    assert resolve_settings(draft, no_config=True, config=str(other)).config is None

    _code, data = run_json("a.txt", cwd=tmp_path)
    assert "emotional-expression" not in {d["rule"] for d in data["files"][0]["diagnostics"]}
    _code, data = run_json("--no-config", "a.txt", cwd=tmp_path)
    assert "emotional-expression" in {d["rule"] for d in data["files"][0]["diagnostics"]}
    _code, data = run_json("--config", "elsewhere/custom.toml", "a.txt", cwd=tmp_path)
    rules = {d["rule"] for d in data["files"][0]["diagnostics"]}
    assert "emotional-expression" in rules and "missing-record-count" not in rules


def test_each_file_gets_its_own_folders_configuration_in_one_run(tmp_path: Path) -> None:
    write(tmp_path / "a" / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    write(tmp_path / "b" / "owabilint.toml", 'severity = { emotional-expression = "info" }\n')
    write(tmp_path / "a" / "x.txt", DRAFT)
    write(tmp_path / "b" / "y.txt", DRAFT)
    _code, data = run_json("a/x.txt", "b/y.txt", cwd=tmp_path)
    by_file = {f["path"]: {d["rule"]: d["severity"] for d in f["diagnostics"]} for f in data["files"]}
    assert "emotional-expression" not in by_file["a/x.txt"]
    assert by_file["b/y.txt"]["emotional-expression"] == "info"


def test_stdin_uses_the_configuration_of_the_current_folder(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    _code, data = run_json("-", stdin=DRAFT, cwd=tmp_path)
    assert "emotional-expression" not in {d["rule"] for d in data["files"][0]["diagnostics"]}


# ---------------------------------------------------------------- every key
def test_select_and_extend_select(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "owabilint.toml", 'select = ["emotional-expression"]\n')
    assert rules_fired(draft) == {"emotional-expression"}
    write(tmp_path / "owabilint.toml", 'select = ["emotional-expression"]\nextend-select = ["missing-prevention"]\n')
    assert rules_fired(draft) == {"emotional-expression", "missing-prevention"}
    # the command line: --select replaces, --extend-select adds
    assert rules_fired(draft, overrides=Overrides(select=("missing-record-count",))) == {"missing-record-count"}
    assert rules_fired(draft, overrides=Overrides(extend_select=("missing-record-count",))) == {
        "emotional-expression",
        "missing-prevention",
        "missing-record-count",
    }


def test_ignore_from_file_and_command_line_add_up(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    fired = rules_fired(draft, overrides=Overrides(ignore=("missing-prevention",)))
    assert "emotional-expression" not in fired and "missing-prevention" not in fired
    assert "missing-record-count" in fired


def test_severity_levels_and_off(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", DRAFT)
    write(
        tmp_path / "owabilint.toml",
        '[severity]\nemotional-expression = "error"\nmissing-record-count = "info"\nmissing-prevention = "off"\n',
    )
    found = severities(draft)
    assert found["emotional-expression"] == "error"
    assert found["missing-record-count"] == "info"
    assert "missing-prevention" not in found
    # an "off" rule is not in the checklist either
    resolved = resolve_settings(draft)
    report = lint_text(DRAFT, rules=resolved.rules, settings=resolved.settings)
    assert "missing-prevention" not in {c.rule for c in report.checklist}


def test_rule_options_in_a_rules_table(tmp_path: Path) -> None:
    text = "2025年4月3日、顧客名簿の紛失が判明いたしました。\n"
    draft = write(tmp_path / "a.txt", text)
    assert "missing-incident-date" not in rules_fired(draft)
    write(tmp_path / "owabilint.toml", "[rules]\nmissing-incident-date.require-time = true\n")
    assert "missing-incident-date" in rules_fired(draft)
    write(tmp_path / "owabilint.toml", "[rules.missing-incident-date]\nrequire-time = true\n")
    assert "missing-incident-date" in rules_fired(draft)
    write(tmp_path / "a.txt", "2025年4月3日午後2時頃、顧客名簿の紛失が判明いたしました。\n")
    assert "missing-incident-date" not in rules_fired(draft)


def test_per_file_ignores_match_paths_relative_to_the_configuration(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", '[per-file-ignores]\n"drafts/concise/*.txt" = ["missing-record-count"]\n')
    concise = write(tmp_path / "drafts" / "concise" / "a.txt", DRAFT)
    full = write(tmp_path / "drafts" / "full" / "a.txt", DRAFT)
    assert "missing-record-count" not in rules_fired(concise)
    assert "missing-record-count" in rules_fired(full)
    _code, data = run_json("drafts", cwd=tmp_path)
    by_file = {f["path"]: {d["rule"] for d in f["diagnostics"]} for f in data["files"]}
    assert "missing-record-count" not in by_file[str(Path("drafts/concise/a.txt"))]
    assert "missing-record-count" in by_file[str(Path("drafts/full/a.txt"))]


def test_fail_on_from_configuration_and_command_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "件名：お知らせ\n\n本日は晴天です！\n")  # only warnings at most
    write(tmp_path / "owabilint.toml", 'select = ["emotional-expression"]\nfail-on = "error"\n')
    assert run_cli("a.txt", cwd=tmp_path).returncode == 0
    assert run_cli("--fail-on", "warning", "a.txt", cwd=tmp_path).returncode == 1
    write(tmp_path / "owabilint.toml", 'select = ["emotional-expression"]\nfail-on = "info"\n')
    assert run_cli("a.txt", cwd=tmp_path).returncode == 1


def test_format_from_configuration_and_command_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "owabilint.toml", 'format = "json"\n')
    proc = run_cli("a.txt", cwd=tmp_path)
    assert json.loads(proc.stdout)["version"] == 1
    proc = run_cli("--format", "text", "a.txt", cwd=tmp_path)
    assert proc.stdout.decode().startswith("a.txt:")


def test_extend_data_items(tmp_path: Path) -> None:
    text = "2025年4月3日、お客様のポイント残高が流出した可能性がございます。\n"
    draft = write(tmp_path / "a.txt", text)
    assert "vague-leaked-data" in rules_fired(draft)
    write(tmp_path / "owabilint.toml", 'extend-data-items = ["ポイント残高"]\n')
    assert "vague-leaked-data" not in rules_fired(draft)


def test_extend_jargon(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.txt", "当社の基幹システムであるZETA-7の設定に誤りがありました。\n")
    assert "technical-jargon" not in rules_fired(draft)
    write(tmp_path / "owabilint.toml", 'extend-jargon = ["ZETA-7"]\n')
    assert "technical-jargon" in rules_fired(draft)


def test_extending_a_lexicon_the_rules_do_not_ship_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    from owabilint.config import keys

    monkeypatch.setitem(keys.LEXICON_KEYS, "extend-jargon", "no-such-lexicon")
    draft = write(tmp_path / "a.txt", "本文です。\n")
    write(tmp_path / "owabilint.toml", 'extend-jargon = ["ZETA-7"]\n')
    with pytest.raises(
        ConfigError, match=r"owabilint\.toml: extend-jargon: 拡張する辞書 rules/lexicons/no-such-lexicon\.txt"
    ):
        resolve_settings(draft)


def test_extend_placeholders_and_allow_brackets(tmp_path: Path) -> None:
    text = "[社外秘] %%CUSTOMER%% 様\n【社外秘】のお知らせ\n"
    draft = write(tmp_path / "a.txt", text)
    resolved = resolve_settings(draft, overrides=Overrides(select=("unfilled-placeholder",)))
    spans = {
        text[d.offset : d.end_offset]
        for d in lint_text(text, rules=resolved.rules, settings=resolved.settings).diagnostics
    }
    assert spans == {"[社外秘]"}  # %%CUSTOMER%% is not a slot style owabilint knows; 【社外秘】 is not a slot
    write(tmp_path / "owabilint.toml", "extend-placeholders = ['%%[A-Z_]+%%']\nallow-brackets = [\"社外秘\"]\n")
    resolved = resolve_settings(draft, overrides=Overrides(select=("unfilled-placeholder",)))
    found = lint_text(text, rules=resolved.rules, settings=resolved.settings).diagnostics
    assert [(d.line, d.column, text[d.offset : d.end_offset]) for d in found] == [(1, 7, "%%CUSTOMER%%")]
    # exact labels allow only that bracket style
    write(tmp_path / "owabilint.toml", 'allow-brackets = ["【社外秘】"]\n')
    resolved = resolve_settings(draft, overrides=Overrides(select=("unfilled-placeholder",)))
    found = lint_text(text, rules=resolved.rules, settings=resolved.settings).diagnostics
    assert [text[d.offset : d.end_offset] for d in found] == ["[社外秘]"]


def test_extended_rule_sets_are_cached_per_distinct_configuration(tmp_path: Path) -> None:
    write(tmp_path / "a" / "owabilint.toml", 'extend-data-items = ["ポイント残高"]\n')
    write(tmp_path / "b" / "owabilint.toml", 'extend-data-items = ["ポイント残高"]\nfail-on = "error"\n')
    write(tmp_path / "c" / "owabilint.toml", 'extend-data-items = ["会員ランク"]\n')
    resolver = ConfigResolver(ResolverOptions())
    a = resolver.for_folder(tmp_path / "a").rules
    assert resolver.for_folder(tmp_path / "b").rules is a
    assert resolver.for_folder(tmp_path / "c").rules is not a
    # the shipped rules are not changed by a configuration's extensions
    text = "2025年4月3日、お客様のポイント残高が流出した可能性がございます。\n"
    assert "vague-leaked-data" in {d.rule for d in lint_text(text).diagnostics}


# ---------------------------------------------------------------- show-config
def test_show_config_prints_values_and_their_origin(tmp_path: Path) -> None:
    write(
        tmp_path / "owabilint.toml",
        'profile = "strict"\nignore = ["emotional-expression"]\n[severity]\nmissing-prevention = "warning"\n',
    )
    write(tmp_path / "a.txt", DRAFT)
    cfg = str((tmp_path / "owabilint.toml").resolve())
    for args in (("config",), ("--show-config",), ("config", "a.txt")):
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.decode().splitlines()
        assert any(line.startswith('profile = "strict"') and line.endswith(f"# {cfg}: profile") for line in lines)
        assert any(
            line.startswith('missing-prevention = "warning"') and line.endswith(f"# {cfg}: severity") for line in lines
        )
        assert any(
            line.startswith('missing-record-count = "error"') and line.endswith("# プロファイル strict")
            for line in lines
        )
        assert any(
            line.startswith('emotional-expression = "off"') and line.endswith(f"# {cfg}: ignore") for line in lines
        )
        assert any(line.startswith("require-time = true") and line.endswith("# プロファイル strict") for line in lines)
        assert any(line.startswith('unused-directive = "warning"') for line in lines)
    proc = run_cli("--show-config", "--select", "missing-apology", cwd=tmp_path)
    assert any(
        line.startswith('select = ["missing-apology"]') and line.endswith("コマンドライン --select")
        for line in proc.stdout.decode().splitlines()
    )


def test_show_config_as_json(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.owabilint]\nfail-on = "error"\n[tool.owabilint.per-file-ignores]\n"x/*" = ["missing-prevention"]\n',
    )
    proc = run_cli("config", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["config"] == str((tmp_path / "pyproject.toml").resolve())
    assert data["fail-on"] == "error"
    assert data["profile"] == "recommended"
    assert data["origins"]["fail-on"].endswith("pyproject.toml: tool.owabilint.fail-on")
    assert data["per-file-ignores"] == {"x/*": ["missing-prevention"]}
    assert data["severity"]["missing-apology"] == "error"


def test_show_config_without_a_file(tmp_path: Path) -> None:
    proc = run_cli("config", cwd=tmp_path)
    assert proc.returncode == 0
    assert "設定ファイル: なし" in proc.stdout.decode()


# ---------------------------------------------------------------- bad configuration
BAD = [
    (
        "invalid TOML",
        "owabilint.toml",
        'select = ["missing-apology"\n',
        r"owabilint\.toml: TOML の書き方に誤りがあります（ファイルの末尾: 配列を閉じる \] がありません）",
    ),
    (
        "bare word value",
        "owabilint.toml",
        "profile = strict\n",
        r"owabilint\.toml: TOML の書き方に誤りがあります（1 行 11 列: 値として読めません（文字列は \"…\" で囲みます））",
    ),
    (
        "unterminated string",
        "owabilint.toml",
        'profile = "strict\n',
        r"owabilint\.toml: TOML の書き方に誤りがあります（1 行 18 列: 文字列が行末で終わっています（閉じる引用符がありません））",
    ),
    (
        "unknown key",
        "owabilint.toml",
        'selct = ["missing-apology"]\n',
        r"owabilint\.toml: selct: 不明なキーです（もしかして: select）",
    ),
    (
        "unknown key in pyproject",
        "pyproject.toml",
        "[tool.owabilint]\nfail_on = 'error'\n",
        r"pyproject\.toml: tool\.owabilint\.fail_on: 不明なキーです（もしかして: fail-on）",
    ),
    (
        "misspelt rule id",
        "owabilint.toml",
        'ignore = ["missing-prevension"]\n',
        r"owabilint\.toml: ignore: 不明なルール ID 'missing-prevension' です（もしかして: missing-prevention）",
    ),
    (
        "unknown id in severity",
        "owabilint.toml",
        '[severity]\nmissing-aplogy = "off"\n',
        r"owabilint\.toml: severity\.missing-aplogy: 不明なルール ID 'missing-aplogy' です（もしかして: missing-apology）",
    ),
    (
        "bad severity value",
        "owabilint.toml",
        '[severity]\nmissing-apology = "fatal"\n',
        r"owabilint\.toml: severity\.missing-apology: \"fatal\" は使えません",
    ),
    (
        "wrong type",
        "owabilint.toml",
        'select = "missing-apology"\n',
        r"owabilint\.toml: select: ルール ID または分類名のリストを指定してください（文字列 が指定されています）",
    ),
    ("wrong type in list", "owabilint.toml", "ignore = [1]\n", r"owabilint\.toml: ignore: .*文字列以外を含むリスト"),
    (
        "unknown profile",
        "owabilint.toml",
        'profile = "strikt"\n',
        r"owabilint\.toml: profile: 'strikt' .*（もしかして: strict）",
    ),
    ("bad fail-on", "owabilint.toml", 'fail-on = "never"\n', r"owabilint\.toml: fail-on: 'never' は使えません"),
    ("bad format", "owabilint.toml", 'format = "xml"\n', r"owabilint\.toml: format: 'xml' は使えません"),
    (
        "unknown option",
        "owabilint.toml",
        "[rules.missing-incident-date]\nrequire-tme = true\n",
        r"owabilint\.toml: rules\.missing-incident-date\.require-tme: 不明なオプションです（もしかして: require-time）",
    ),
    (
        "option of a rule without options",
        "owabilint.toml",
        "[rules.missing-apology]\nmax = 3\n",
        r"owabilint\.toml: rules\.missing-apology\.max: 不明なオプションです（このルールにはオプションがありません）",
    ),
    (
        "wrong option type",
        "owabilint.toml",
        '[rules.missing-incident-date]\nrequire-time = "yes"\n',
        r"owabilint\.toml: rules\.missing-incident-date\.require-time: 真偽値を指定してください（文字列 が指定されています）",
    ),
    (
        "per-file-ignores id",
        "owabilint.toml",
        '[per-file-ignores]\n"*.md" = ["no-such-rule"]\n',
        r"owabilint\.toml: per-file-ignores\.\"\*\.md\": 不明なルール ID 'no-such-rule'",
    ),
    (
        "missing rule path",
        "owabilint.toml",
        'rule-paths = ["house-rules/"]\n',
        r"owabilint\.toml: rule-paths\[0\]: house-rules/ が見つかりません",
    ),
    (
        "bad placeholder regex",
        "owabilint.toml",
        "extend-placeholders = ['(?<=x)y']\n",
        r"owabilint\.toml: extend-placeholders\[0\]: 正規表現 '\(\?<=x\)y' を使えません",
    ),
    (
        "tool.owabilint not a table",
        "pyproject.toml",
        "[tool]\nowabilint = 3\n",
        r"pyproject\.toml: tool\.owabilint は表",
    ),
]


@pytest.mark.parametrize(("name", "filename", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_configuration_is_one_clear_line_and_exit_2(tmp_path: Path, name, filename, content, message) -> None:
    import re

    write(tmp_path / filename, content)
    write(tmp_path / "a.txt", DRAFT)
    proc = run_cli("--format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b""  # nothing linted
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("owabilint: error: ")
    assert str((tmp_path / filename).resolve()) in err
    assert re.search(message, err), err


def test_one_bad_configuration_stops_the_whole_run(tmp_path: Path) -> None:
    write(tmp_path / "good" / "a.txt", DRAFT)
    write(tmp_path / "bad" / "owabilint.toml", 'ignore = ["nope"]\n')
    write(tmp_path / "bad" / "b.txt", DRAFT)
    proc = run_cli("good/a.txt", "bad/b.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert "bad/owabilint.toml: ignore: 不明なルール ID 'nope'" in proc.stderr.decode()


def test_bad_command_line_choices(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DRAFT)
    proc = run_cli("--config", "missing.toml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "--config: 設定ファイル missing.toml が見つかりません" in proc.stderr.decode()
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    proc = run_cli("--config", "pyproject.toml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml: [tool.owabilint] の表がありません" in proc.stderr.decode()
    proc = run_cli("--profile", "loose", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "--profile: 'loose'" in proc.stderr.decode()
    proc = run_cli("--extend-select", "missing-apolgy", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "（もしかして: missing-apology）" in proc.stderr.decode()


def test_language_server_resolves_configuration_like_the_cli(tmp_path: Path) -> None:
    from owabilint.lsp.server import _lint

    config = write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    draft = write(tmp_path / "a.txt", DRAFT)
    assert "emotional-expression" not in {d.rule for d in _lint(DRAFT, str(draft), "text").diagnostics}
    # an edited configuration applies to the next lint
    config.write_text('[severity]\nemotional-expression = "info"\nmissing-prevention = "off"\n', encoding="utf-8")
    import os

    os.utime(config, ns=(1, 1))  # a different modification time even on coarse clocks
    found = {d.rule: d.severity for d in _lint(DRAFT, str(draft), "text").diagnostics}
    assert found["emotional-expression"] == "info" and "missing-prevention" not in found


def test_exclude_skips_walked_drafts_but_not_named_ones(tmp_path: Path) -> None:
    write(tmp_path / "owabilint.toml", 'exclude = ["archive/", "*.bak.txt"]\n')
    for name in ("drafts/a.txt", "drafts/old.bak.txt", "archive/2019.txt", "drafts/archive/x.md"):
        write(tmp_path / name, DRAFT)
    _code, data = run_json(".", cwd=tmp_path)
    assert sorted(f["path"] for f in data["files"]) == ["drafts/a.txt"]
    # a nearer configuration's exclude applies to the drafts below it, in addition to the
    # exclude of the walked folder's configuration
    write(tmp_path / "drafts" / "owabilint.toml", 'exclude = ["a.txt"]\n')
    write(tmp_path / "drafts" / "b.txt", DRAFT)
    _code, data = run_json(".", cwd=tmp_path)
    assert sorted(f["path"] for f in data["files"]) == ["drafts/b.txt"]
    _code, data = run_json("drafts", cwd=tmp_path)
    assert sorted(f["path"] for f in data["files"]) == ["drafts/archive/x.md", "drafts/b.txt", "drafts/old.bak.txt"]
    # a file named on the command line is linted, unless --force-exclude (pre-commit names every file)
    _code, data = run_json("drafts/a.txt", "drafts/b.txt", cwd=tmp_path)
    assert [f["path"] for f in data["files"]] == ["drafts/a.txt", "drafts/b.txt"]
    _code, data = run_json("--force-exclude", "drafts/a.txt", "drafts/b.txt", cwd=tmp_path)
    assert [f["path"] for f in data["files"]] == ["drafts/b.txt"]
    write(tmp_path / "drafts" / "owabilint.toml", 'exclude = ["a.txt"]\nforce-exclude = true\n')
    _code, data = run_json("drafts/a.txt", "drafts/b.txt", cwd=tmp_path)
    assert [f["path"] for f in data["files"]] == ["drafts/b.txt"]


def test_exclude_and_force_exclude_types(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "owabilint.toml", 'exclude = "drafts/"\n')
    with pytest.raises(
        ConfigError, match=r"owabilint\.toml: exclude: 除外するパスのパターン.*のリストを指定してください"
    ):
        resolve_settings(tmp_path / "a.txt")
    write(tmp_path / "owabilint.toml", 'force-exclude = "yes"\n')
    with pytest.raises(ConfigError, match=r"owabilint\.toml: force-exclude: 真偽値"):
        resolve_settings(tmp_path / "a.txt")


def test_long_sentence_max_chars_option(tmp_path: Path) -> None:
    sentence = "当社の会員サイトにおいて会員様の氏名とメールアドレスが外部から閲覧できる状態になっておりました。"
    draft = write(tmp_path / "a.txt", sentence + "\n")
    assert "long-sentence" not in rules_fired(draft)
    write(tmp_path / "pyproject.toml", "[tool.owabilint.rules.long-sentence]\nmax-chars = 40\n")
    resolved = resolve_settings(draft)
    found = [
        d
        for d in lint_text(sentence, rules=resolved.rules, settings=resolved.settings).diagnostics
        if d.rule == "long-sentence"
    ]
    assert [(d.line, d.column, d.end_column) for d in found] == [(1, 1, len(sentence) + 1)]
    write(tmp_path / "pyproject.toml", "[tool.owabilint.rules.long-sentence]\nmax-chars = 0\n")
    with pytest.raises(
        ConfigError, match=r"pyproject\.toml: tool\.owabilint\.rules\.long-sentence\.max-chars: 1 以上の整数"
    ):
        resolve_settings(draft)


def test_resolver_options_pickle_so_workers_can_rebuild_the_resolver(tmp_path: Path) -> None:
    import pickle

    write(tmp_path / "owabilint.toml", 'ignore = ["emotional-expression"]\n')
    draft = write(tmp_path / "a.txt", DRAFT)
    options = ResolverOptions(
        overrides=Overrides(select=("emotional-expression", "missing-apology")), cwd=str(tmp_path)
    )
    copy = pickle.loads(pickle.dumps(options))
    assert copy == options
    here, there = ConfigResolver(options).for_path("a.txt"), ConfigResolver(copy).for_path(draft)
    assert here.settings == there.settings
    assert here.settings.select == {"emotional-expression", "missing-apology"}
    assert here.settings.ignore == {"emotional-expression"}
