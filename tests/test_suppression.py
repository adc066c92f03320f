"""Inline directives in Markdown drafts; none in plain text."""

from __future__ import annotations

from conftest import run_json

from owabilint.engine import Settings, lint_text

EMO = "emotional-expression"


def md(text: str, **settings) -> list[tuple[str, int, int, str]]:
    report = lint_text(text, format="markdown", settings=Settings(**settings))
    return [(d.rule, d.line, d.column, d.severity) for d in report.diagnostics]


def only(found, *rules):
    return [f for f in found if f[0] in rules]


def test_disable_enable_region() -> None:
    text = (
        "申し訳ございません！\n"
        "<!-- owabilint-disable emotional-expression -->\n"
        "本当に申し訳ございません！\n"
        "<!-- owabilint-enable emotional-expression -->\n"
        "重ねてお詫びします！\n"
    )
    found = only(md(text), EMO, "unused-directive", "invalid-directive")
    assert [(r, line) for r, line, _c, _s in found] == [(EMO, 1), (EMO, 5)]


def test_disable_without_enable_runs_to_the_end_and_covers_document_level_findings() -> None:
    text = "<!-- owabilint-disable missing-record-count, missing-prevention -->\n\n# お詫び\n\n氏名が流出しました！\n"
    found = md(text)
    rules = {f[0] for f in found}
    assert "missing-record-count" not in rules and "missing-prevention" not in rules
    assert EMO in rules and "missing-contact" in rules
    assert "unused-directive" not in rules


def test_disable_next_line_only_covers_the_next_line() -> None:
    text = "<!-- owabilint-disable-next-line emotional-expression -->\n申し訳ございません！\n重ねてお詫びします！\n"
    assert [(r, line, col) for r, line, col, _s in only(md(text), EMO, "unused-directive")] == [(EMO, 3, 10)]


def test_disable_every_rule_then_enable_one() -> None:
    text = (
        "<!-- owabilint-disable -->\n"
        "先日、お客様の個人情報が流出しました！\n"
        "<!-- owabilint-enable emotional-expression -->\n"
        "重ねてお詫びします！\n"
    )
    found = md(text)
    assert [(r, line) for r, line, _c, _s in found] == [(EMO, 4)]


def test_unknown_rule_id_is_reported_with_did_you_mean() -> None:
    text = "<!-- owabilint-disable emotional-expresion -->\n申し訳ございません！\n"
    report = lint_text(text, format="markdown")
    problems = [d for d in report.diagnostics if d.rule == "invalid-directive"]
    assert len(problems) == 1
    d = problems[0]
    assert (d.line, d.column, d.end_column) == (1, 24, 43)
    assert "emotional-expresion" in d.message and "もしかして: emotional-expression" in d.message
    assert EMO in {x.rule for x in report.diagnostics}  # nothing was suppressed


def test_unknown_directive_verb_is_reported() -> None:
    report = lint_text("<!-- owabilint-disabel emotional-expression -->\n", format="markdown")
    problems = [d for d in report.diagnostics if d.rule == "invalid-directive"]
    assert len(problems) == 1 and "owabilint-disabel" in problems[0].message


def test_unused_directives_are_reported() -> None:
    text = (
        "<!-- owabilint-disable emotional-expression, missing-apology -->\n"
        "申し訳ございません！\n"
        "<!-- owabilint-enable emotional-expression -->\n"
        "<!-- owabilint-enable emotional-expression -->\n"
        "<!-- owabilint-disable-next-line unfilled-placeholder -->\n"
        "問題ありません。\n"
    )
    report = lint_text(text, format="markdown")
    unused = [
        (d.line, d.column, text[d.offset : d.end_offset]) for d in report.diagnostics if d.rule == "unused-directive"
    ]
    # missing-apology has nothing to suppress (the draft apologises); the second enable closes
    # nothing; the placeholder rule finds nothing on the next line
    assert unused == [(1, 46, "missing-apology"), (4, 23, EMO), (5, 34, "unfilled-placeholder")]
    assert EMO not in {d.rule for d in report.diagnostics}


def test_directive_rules_follow_settings() -> None:
    text = "<!-- owabilint-disable missing-apology -->\n申し訳ございません。\n"
    assert only(md(text), "unused-directive") == [("unused-directive", 1, 24, "warning")]
    assert only(md(text, severity={"unused-directive": "info"}), "unused-directive")[0][3] == "info"
    assert only(md(text, ignore={"unused-directive"}), "unused-directive") == []


def test_reason_after_double_dash_is_not_a_rule_id() -> None:
    text = "<!-- owabilint-disable-next-line emotional-expression -- 引用した表現のため -->\n申し訳ございません！\n"
    found = md(text)
    assert not only(found, EMO, "invalid-directive", "unused-directive")


def test_directives_inside_fenced_code_are_not_directives() -> None:
    text = "```\n<!-- owabilint-disable -->\n```\n申し訳ございません！\n"
    assert only(md(text), EMO)


def test_directives_inside_indented_code_are_not_directives() -> None:
    # An indented code block is code to Markdown: the comment in it is shown as text, so
    # it must not silence the prose after it.
    text = "例として次の書き方を示します。\n\n    <!-- owabilint-disable -->\n\n申し訳ございません！\n"
    assert [(r, line, col) for r, line, col, _s in only(md(text), EMO, "unused-directive")] == [(EMO, 5, 10)]


def test_directives_inside_inline_code_are_not_directives() -> None:
    text = "書き方の例は `<!-- owabilint-disable -->` です。\n\n申し訳ございません！\n"
    assert [(r, line) for r, line, _c, _s in only(md(text), EMO, "unused-directive")] == [(EMO, 3)]


def test_plain_text_drafts_do_not_honour_directives_and_report_them() -> None:
    text = "<!-- owabilint-disable emotional-expression -->\n申し訳ございません！\n"
    report = lint_text(text, format="text")
    rules = [d.rule for d in report.diagnostics]
    assert EMO in rules
    stray = [d for d in report.diagnostics if d.rule == "invalid-directive"]
    assert len(stray) == 1
    assert (stray[0].line, stray[0].column, stray[0].end_column) == (1, 1, 48)
    assert "お客様に届いて" in stray[0].message
    assert "invalid-directive" in {d.rule for d in lint_text(text, format="email").diagnostics}


def test_directive_ids_are_accepted_in_configuration(tmp_path) -> None:
    (tmp_path / "owabilint.toml").write_text('[severity]\nunused-directive = "error"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "<!-- owabilint-disable missing-apology -->\n申し訳ございません。\n", encoding="utf-8"
    )
    _code, data = run_json("a.md", cwd=tmp_path)
    sev = {d["rule"]: d["severity"] for d in data["files"][0]["diagnostics"]}
    assert sev["unused-directive"] == "error"


def test_rule_command_explains_directive_rules() -> None:
    from conftest import run_cli

    proc = run_cli("rule", "unused-directive")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert out.startswith("unused-directive  (warning)") and "owabilint-disable-next-line" in out
