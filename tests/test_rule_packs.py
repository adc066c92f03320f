"""Custom rule packs: loading, validation, examples (rules --check) and safe regexes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, run_json

from owabilint.config import resolve_settings
from owabilint.engine import Settings, lint_text
from owabilint.errors import RuleError
from owabilint.matchers.regex import untrusted_patterns
from owabilint.ruleset.loader import builtin_rules, builtin_rules_dir, load_lexicons
from owabilint.ruleset.packs import load_rule_pack

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_block(after: str, lang: str) -> str:
    """The first ``lang`` code block after the line containing ``after``."""
    rest = README[README.index(after) :]
    m = re.search(rf"```{lang}\n(.*?)```", rest, re.DOTALL)
    assert m, after
    return m.group(1)


CODENAME_RULE = readme_block("### Custom rule packs", "toml")

RULE_TEMPLATE = """id = "{id}"
severity = "warning"
category = "wording"
summary = "テスト用のルール"
message = "テスト用のメッセージです。"
rationale = "テスト用の説明です。"

[matcher]
kind = "phrase"

[[matcher.patterns]]
{pattern}

[examples]
valid = [{valid}]
invalid = [{invalid}]
"""


def pack_rule(
    folder: Path, rule_id: str, pattern: str, valid: str = '"問題ありません。"', invalid: str = '"PRJ-204"'
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}.toml"
    path.write_text(RULE_TEMPLATE.format(id=rule_id, pattern=pattern, valid=valid, invalid=invalid), encoding="utf-8")
    return path


def lexicons() -> dict[str, list[str]]:
    return load_lexicons(builtin_rules_dir() / "lexicons")


def test_readme_pack_passes_its_own_examples(tmp_path: Path) -> None:
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "house-rules" / "internal-codename.toml").write_text(CODENAME_RULE, encoding="utf-8")
    proc = run_cli("rules", "--check", "house-rules", cwd=tmp_path)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "ok  internal-codename" in out
    assert "1 ルール、例 2 件すべて成功しました" in out


def test_example_reported_elsewhere_than_its_span_fails_the_check(tmp_path: Path) -> None:
    invalid = '{ text = "PRJ-204 の件", span = "204 の件" }'
    path = pack_rule(tmp_path / "pack", "codename", "regex = ['PRJ-[0-9]+']", invalid=invalid)
    proc = run_cli("rules", "--check", str(tmp_path / "pack"))
    assert proc.returncode == 1
    expected = (
        "examples.invalid[0]: [codename] 「204 の件」 を指摘するはずの例ですが、「PRJ-204」（1:1） が指摘されました"
    )
    assert f"{path}: {expected}" in proc.stdout.decode()


def test_span_missing_from_its_example_stops_the_pack_with_exit_2(tmp_path: Path) -> None:
    path = pack_rule(
        tmp_path / "pack", "codename", "regex = ['PRJ-[0-9]+']", invalid='{ text = "PRJ-204", span = "PRJ-999" }'
    )
    proc = run_cli("rules", "--check", str(tmp_path / "pack"))
    assert proc.returncode == 2
    assert f"{path}: examples.invalid[0].span: 「PRJ-999」が例文の中にありません" in proc.stderr.decode()


def test_failing_example_names_file_and_example_and_exits_1(tmp_path: Path) -> None:
    path = pack_rule(tmp_path / "pack", "codename", "regex = ['PRJ-[0-9]+']", valid='"PRJ-1 は社内名です。"')
    proc = run_cli("rules", "--check", str(tmp_path / "pack"))
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert f"{path}: examples.valid[0]: [codename] 指摘されない例ですが、1:1 で指摘されました" in out
    assert "NG  codename" in out


def test_pack_rules_run_with_configuration_and_use_lexicons(tmp_path: Path) -> None:
    pack = tmp_path / "house-rules"
    pack_rule(pack, "internal-codename", "regex = ['PRJ-[0-9]{3,}']")
    pack_rule(pack, "partner-name", 'lexicons = ["partners"]', invalid='"北斗物流に委託しています。"')
    (pack / "lexicons").mkdir()
    (pack / "lexicons" / "partners.txt").write_text("# partner companies\n北斗物流\n", encoding="utf-8")
    (tmp_path / "owabilint.toml").write_text(
        'rule-paths = ["house-rules"]\n[severity]\ninternal-codename = "error"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(
        "PRJ-204 の不具合で、北斗物流に委託していた名簿が閲覧可能でした。\n", encoding="utf-8"
    )
    _code, data = run_json("a.txt", cwd=tmp_path)
    found = {
        (d["rule"], d["severity"], d["column"])
        for d in data["files"][0]["diagnostics"]
        if d["rule"] in ("internal-codename", "partner-name")
    }
    assert found == {("internal-codename", "error", 1), ("partner-name", "warning", 15)}
    listing = run_cli("rules", cwd=tmp_path).stdout.decode()
    assert "internal-codename" in listing and "partner-name" in listing
    # without rule-paths the same id is unknown
    (tmp_path / "owabilint.toml").write_text('[severity]\ninternal-codename = "error"\n', encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "不明なルール ID 'internal-codename'" in proc.stderr.decode()


def test_pack_rule_options_can_be_set_in_configuration(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "short-line.toml").write_text(
        'id = "short-line"\nseverity = "info"\ncategory = "style"\nsummary = "短い文"\nmessage = "{max-chars} 文字を超えています。"\n'
        'rationale = "テスト"\n[options]\nmax-chars = 30\n[matcher]\nkind = "sentence-length"\n'
        '[examples]\nvalid = ["短い文です。"]\ninvalid = ["' + "あ" * 40 + '。"]\n',
        encoding="utf-8",
    )
    (tmp_path / "owabilint.toml").write_text(
        'rule-paths = ["pack"]\n[rules.short-line]\nmax-chars = 10\n', encoding="utf-8"
    )
    draft = tmp_path / "a.txt"
    draft.write_text("これは十五文字ほどの短い文です。\n", encoding="utf-8")
    resolved = resolve_settings(draft)
    report = lint_text(draft.read_text(encoding="utf-8"), rules=resolved.rules, settings=resolved.settings)
    assert [d.message for d in report.diagnostics if d.rule == "short-line"] == ["10 文字を超えています。"]
    (tmp_path / "owabilint.toml").write_text(
        'rule-paths = ["pack"]\n[rules.short-line]\nmax-chars = "10"\n', encoding="utf-8"
    )
    with pytest.raises(Exception, match=r"rules\.short-line\.max-chars: 整数を指定してください"):
        resolve_settings(draft)


def test_catastrophic_pattern_cannot_hang_the_linter(tmp_path: Path) -> None:
    # (a+)+$ against "aaa…b" takes exponential time with a backtracking engine.
    with untrusted_patterns():
        rule = load_rule_pack(pack_rule(tmp_path / "p", "nested", "regex = ['(a+)+$']", invalid='"aaaa"'), lexicons())[
            0
        ]
    text = "a" * 5000 + "b。\n"
    report = lint_text(text, rules=[*builtin_rules(), rule], settings=Settings(select={"nested"}))
    assert report.diagnostics == []
    report = lint_text("a" * 5000 + "\n", rules=[*builtin_rules(), rule], settings=Settings(select={"nested"}))
    assert [(d.column, d.end_column) for d in report.diagnostics] == [(1, 5001)]
    # the same through the command line, with a rule pack from the configuration
    (tmp_path / "owabilint.toml").write_text('rule-paths = ["p"]\nselect = ["nested"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()


BROKEN = [
    (
        "lookbehind",
        "regex = ['(?<=PRJ-)[0-9]+']",
        r"matcher\.patterns\[0\]\.regex: 正規表現 '\(\?<=PRJ-\)\[0-9\]\+' を使えません.*先読み・後読み",
    ),
    ("backreference", "regex = ['(.)\\1']", r"matcher\.patterns\[0\]\.regex: 正規表現 .* を使えません.*後方参照"),
    ("unknown lexicon", 'lexicons = ["nope"]', r"matcher\.patterns\[0\]\.lexicons: 不明な語彙 'nope' です"),
    ("unknown pattern key", 'regexp = ["x"]', r"matcher\.patterns\[0\]: 不明なキー 'regexp' です（もしかして: regex）"),
]


@pytest.mark.parametrize(("name", "pattern", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_pack_names_file_and_key(tmp_path: Path, name: str, pattern: str, message: str) -> None:
    path = pack_rule(tmp_path / "pack", "broken", pattern)
    with pytest.raises(RuleError, match=message) as info:
        load_rule_pack(tmp_path / "pack", lexicons())
    assert str(info.value).startswith(f"{path}: ")
    proc = run_cli("rules", "--check", str(tmp_path / "pack"))
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and str(path) in err and "Traceback" not in err


def test_lookarounds_stay_available_to_built_in_rules() -> None:
    assert any(
        "(?<" in p.pattern or "(?=" in p.pattern or "(?!" in p.pattern
        for r in builtin_rules()
        for e in getattr(r.matcher, "entries", [])
        for p in e.pattern.regex
    )


def test_pack_loading_errors_stop_a_lint_run(tmp_path: Path) -> None:
    pack_rule(tmp_path / "pack", "missing-apology", "regex = ['x']")
    (tmp_path / "owabilint.toml").write_text('rule-paths = ["pack"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("本文です。\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert (
        "missing-apology.toml: キー 'id': ルール ID 'missing-apology' は " in proc.stderr.decode()
        and "で定義済みです" in proc.stderr.decode()
    )
    (tmp_path / "owabilint.toml").write_text(
        'rule-paths = ["pack/missing-apology.toml", "nowhere"]\n', encoding="utf-8"
    )
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "owabilint.toml: rule-paths[1]: nowhere が見つかりません" in proc.stderr.decode()


def test_pack_lexicon_must_not_shadow_a_built_in_one(tmp_path: Path) -> None:
    pack_rule(tmp_path / "pack", "x-rule", "regex = ['x']")
    (tmp_path / "pack" / "lexicons").mkdir()
    (tmp_path / "pack" / "lexicons" / "data-items.txt").write_text("社員番号\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"data-items\.txt: 語彙 'data-items' は組み込みルールにあります"):
        load_rule_pack(tmp_path / "pack", lexicons())


def test_readme_configuration_example_loads(tmp_path: Path) -> None:
    (tmp_path / "owabilint.toml").write_text(readme_block("A complete example", "toml"), encoding="utf-8")
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "house-rules" / "internal-codename.toml").write_text(CODENAME_RULE, encoding="utf-8")
    proc = run_cli("config", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "max-chars = 100" in out and "internal-codename" in out


def test_an_edited_pack_is_loaded_again(tmp_path: Path) -> None:
    import os

    rule = pack_rule(tmp_path / "pack", "codename", "regex = ['PRJ-[0-9]+']")
    (tmp_path / "owabilint.toml").write_text('rule-paths = ["pack"]\n', encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("PRJ-1 と QRS-1 の不具合です。\n", encoding="utf-8")

    def spans() -> list[str]:
        resolved = resolve_settings(draft)
        text = draft.read_text(encoding="utf-8")
        report = lint_text(text, rules=resolved.rules, settings=resolved.settings)
        return [text[d.offset : d.end_offset] for d in report.diagnostics if d.rule == "codename"]

    assert spans() == ["PRJ-1"]
    rule.write_text(rule.read_text(encoding="utf-8").replace("PRJ-", "QRS-"), encoding="utf-8")
    os.utime(rule, ns=(1, 1))
    assert spans() == ["QRS-1"]


def test_pack_jargon_matcher_takes_terms_but_no_python_regex(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    body = (
        'id = "house-jargon"\nseverity = "info"\ncategory = "wording"\nsummary = "社内用語"\n'
        'message = "社内用語です。"\nrationale = "テスト"\n[matcher]\nkind = "jargon"\nterms = ["ZETA基盤"]\n{extra}'
        '[examples]\nvalid = ["会員サイトの不具合です。"]\ninvalid = ["ZETA基盤の不具合です。"]\n'
    )
    (pack / "house-jargon.toml").write_text(body.format(extra=""), encoding="utf-8")
    assert run_cli("rules", "--check", str(pack)).returncode == 0
    (pack / "house-jargon.toml").write_text(body.format(extra="regex = ['(a+)+$']\n"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"house-jargon\.toml: matcher\.regex: ルールパックの jargon では使えません"):
        load_rule_pack(pack, lexicons())


PACK_MISTAKES = [
    ('severity = "warning"', 'severty = "warning"', "不明なキー 'severty' です（もしかして: severity）"),
    (
        'category = "wording"',
        'category = "tones"',
        "キー 'category': 'tones' は使えません（content | consistency | template | wording | tone | style）（もしかして: tone）",
    ),
    ('kind = "phrase"', 'kind = "phrases"', "キー 'matcher.kind': 'phrases' は使えません"),
    ('severity = "warning"', "severity = 2", "キー 'severity' には文字列を指定してください（整数が指定されています）"),
]


@pytest.mark.parametrize(("good", "bad", "message"), PACK_MISTAKES, ids=[m[1] for m in PACK_MISTAKES])
def test_rule_pack_mistakes_are_explained_in_japanese(tmp_path: Path, good: str, bad: str, message: str) -> None:
    path = pack_rule(tmp_path / "pack", "house-rule", "regex = ['PRJ-[0-9]+']")
    text = path.read_text(encoding="utf-8")
    assert good in text
    path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    proc = run_cli("rules", "--check", str(tmp_path / "pack"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith(f"owabilint: error: {path}: ") and message in err and len(err.splitlines()) == 1, err
