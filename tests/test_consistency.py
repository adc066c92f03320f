"""Consistency rules: facts read from the draft, checked against the calendar and each other."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli, run_json
from lsprotocol import types

from owabilint.document import Document
from owabilint.engine import Settings, lint_text
from owabilint.eras import era_named, eras
from owabilint.errors import RuleError
from owabilint.matchers.facts import counts, dates, notice_date, phones, times
from owabilint.ruleset.docs import fixable
from owabilint.ruleset.loader import builtin_rules, parse_rule

CONSISTENCY = [
    "weekday-mismatch",
    "era-mismatch",
    "impossible-date",
    "date-order",
    "count-mismatch",
    "phone-number-format",
    "contact-address-format",
    "hours-range",
]


def findings(text: str, rule_id: str, **settings):
    report = lint_text(text, settings=Settings(select={rule_id}, **settings))
    return [
        (text[d.offset : d.end_offset], d.severity, d.message, d.fix.replacement if d.fix else None)
        for d in report.diagnostics
    ]


def first_sentence(text: str):
    return Document(text).sentences[0]


# ------------------------------------------------------------------ the facts reader
def test_dates_read_year_pairs_and_weekdays() -> None:
    text = "令和3年(2021年)4月13日(火曜日)と５月１日（土・祝）に"
    (a, b) = dates(first_sentence(text))
    assert (text[a.start : a.end], a.year, a.western, a.era, a.era_year, a.month, a.day, a.weekday) == (
        "令和3年(2021年)4月13日",
        2021,
        2021,
        "令和",
        3,
        4,
        13,
        1,
    )
    assert text[a.weekday_start] == "火" and text[a.end : a.weekday_end] == "(火曜日)"
    assert (b.year, b.month, b.day, b.weekday, text[b.end : b.weekday_end]) == (None, 5, 1, 5, "（土・祝）")


def test_dates_read_kanji_slash_and_era_abbreviations() -> None:
    (d,) = dates(first_sentence("二〇二四年十二月三日 火曜日"))
    assert (d.year, d.month, d.day, d.weekday) == (2024, 12, 3, 1)
    (d,) = dates(first_sentence("R6.4.1(月)"))
    assert (d.year, d.era, d.weekday) == (2024, "令和", 0)
    (d,) = dates(first_sentence("令和元年5月1日"))
    assert (d.year, d.era_year) == (2019, 1)
    (d,) = dates(first_sentence("4月13日(日本時間)"))
    assert d.weekday is None


def test_same_month_and_next_day_take_the_month_and_year_of_the_date_before() -> None:
    doc = Document(
        "2024年1月30日（火）に発生しました。翌31日（水）に判明し、翌1日（木）と同月5日（日）に公表しました。"
    )
    got = [(d.year, d.month, d.day, d.weekday) for s in doc.sentences for d in dates(s)]
    assert got == [(2024, 1, 30, 1), (2024, 1, 31, 2), (2024, 2, 1, 3), (2024, 2, 5, 6)]
    (_start, end) = dates(first_sentence("2024年8月10日(土)〜15日(木)は休業し、16日から再開します"))
    assert [(end.month, end.day, end.weekday), end.year] == [(8, 15, 3), 2024]
    assert [(d.month, d.day) for d in dates(first_sentence("5月1日〜3日間"))] == [(5, 1)]
    text = "2024年1月30日（火）に発生し、翌31日（木）に判明しました。"
    assert findings(text, "weekday-mismatch")[0][0] == "翌31日（木）"
    assert findings(text, "weekday-mismatch")[0][3] == "翌31日（水）"


def test_times_counts_and_phones_carry_their_values() -> None:
    assert [
        (t.hour, t.minute, t.meridiem, t.hour24) for t in times(first_sentence("午後6時半から9:05、48時間以内"))
    ] == [
        (6, 30, "午後", 18),
        (9, 5, None, 9),
    ]
    assert [(c.value, c.counter, c.prefix) for c in counts(first_sentence("約3万件、合計１，２３４名"))] == [
        (30000, "件", "約"),
        (1234, "名", "合計"),
    ]
    assert [p.digits for p in phones(first_sentence("電話：０１２０－１２－３４５"))] == ["012012345"]


def test_a_fullwidth_dot_inside_an_address_does_not_end_the_sentence() -> None:
    doc = Document("連絡先：info＠example．co．jp です。次の文．")
    assert [s.text for s in doc.sentences] == ["連絡先：info＠example．co．jp です。", "次の文．"]


def test_notice_date_is_the_date_line_at_the_top_or_bottom() -> None:
    doc = Document("件名：お詫び\n\n公開日：2024年5月20日\n\n2024年5月10日に判明しました。\n")
    d = notice_date(doc)
    assert d is not None and (d.year, d.month, d.day) == (2024, 5, 20)
    assert notice_date(Document("2024年5月10日に判明しました。\n")) is None


def test_era_table_is_data() -> None:
    assert [e.name for e in eras()][-2:] == ["平成", "令和"]
    heisei = era_named("H")
    assert heisei is not None and heisei.last_year == 31 and heisei.western(1) == 1989
    assert era_named("令和").end is None  # type: ignore[union-attr]


# ------------------------------------------------------------------ each rule, exact spans
def test_weekday_mismatch_names_the_right_weekday_and_fixes_only_a_certain_year() -> None:
    text = "2025年3月11日（水）に発生し、3月14日（日）に公表しました。"
    assert findings(text, "weekday-mismatch") == [
        (
            "2025年3月11日（水）",
            "error",
            "2025年3月11日は火曜日です。「2025年3月11日（水）」の曜日を「火」に直してください。",
            "2025年3月11日（火）",
        ),
        (
            "3月14日（日）",
            "error",
            "文書中の日付から2025年とすると、2025年3月14日は金曜日です。「3月14日（日）」の日付か曜日を確かめて直してください。",
            None,
        ),
    ]
    assert findings(text, "weekday-mismatch", options={"weekday-mismatch": {"infer-year": False}})[1:] == []


def test_weekday_mismatch_leaves_a_date_alone_when_the_year_is_not_known() -> None:
    assert findings("3月11日（水）に発生しました。", "weekday-mismatch") == []
    # 和暦 and 西暦 disagree: the year is not certain (era-mismatch reports it).
    assert findings("令和3年（2022年）4月13日（水）", "weekday-mismatch") == []


def test_era_mismatch_errors_and_era_end_warnings() -> None:
    assert [(s, sev) for s, sev, _m, _f in findings("令和3年（2022年）と平成32年と平成31年5月1日", "era-mismatch")] == [
        ("令和3年（2022年）", "error"),
        ("平成32年", "warning"),
        ("平成31年5月1日", "warning"),
    ]


def test_era_mismatch_user_severity_wins_over_the_finding_severity() -> None:
    got = findings("平成32年3月まで", "era-mismatch", severity={"era-mismatch": "info"})
    assert [(s, sev) for s, sev, _m, _f in got] == [("平成32年", "info")]


def test_impossible_date_spans() -> None:
    text = "2月30日と2023年2月29日と2024年2月29日と18時60分と24時"
    assert [s for s, *_ in findings(text, "impossible-date")] == ["2月30日", "2023年2月29日", "18時60分"]


def test_date_order_points_at_the_later_date() -> None:
    text = "お知らせ\n\n2024年5月10日に送信しましたが、2024年6月1日以降に再送する予定です。\n\n2024年5月1日\n株式会社サンプル\n"
    assert [s for s, *_ in findings(text, "date-order")] == ["2024年5月10日"]


def test_date_order_leaves_a_planned_event_alone() -> None:
    text = "2024年5月20日\n\n2024年5月20日に、2024年5月25日実施予定の説明会について、案内を誤って送信しました。"
    assert findings(text, "date-order") == []


def test_count_mismatch_unmarked_groups_need_a_typing_slip() -> None:
    assert (
        findings("メール1,000件を送信しました。\n\n戻ったものを除き、メール988件が届きました。", "count-mismatch") == []
    )
    got = findings("メール1,000件を送信しました。\n\n戻ったものを除き、メール1,010件が届きました。", "count-mismatch")
    assert [s for s, *_ in got] == ["1,010件"]


def test_count_mismatch_leaves_a_sentence_that_reports_a_change_alone() -> None:
    first = "対象のお客様 1,234名です。\n\n"
    assert [s for s, *_ in findings(first + "対象のお客様 1,243名です。", "count-mismatch")] == ["1,243名"]
    assert findings(first + "前回のお知らせを訂正し、対象のお客様 1,243名となります。", "count-mismatch") == []


def test_count_mismatch_compares_the_same_subject_only() -> None:
    text = (
        "対象のお客様 1,234名です。\n\nカードをご利用のお客様38名を含みます。\n\n1,243名のお客様に、ご連絡いたします。"
    )
    got = findings(text, "count-mismatch")
    assert [(s, m) for s, _sev, m, _f in got] == [
        ("1,243名", "お客様の数が、1行目の「1,234名」と「1,243名」で違います。正しい数に揃えてください。")
    ]
    assert (
        findings(
            "・氏名　100件\n・住所　50件\n・合計　160件",
            "count-mismatch",
            options={"count-mismatch": {"check-totals": False}},
        )
        == []
    )


def test_phone_number_format_follows_the_plan() -> None:
    text = "電話：03-1234-5678、0120-123-4567、０９０－１２３４－５６７８、0570-12-345"
    assert [(s, m) for s, _sev, m, _f in findings(text, "phone-number-format")] == [
        (
            "0120-123-4567",
            "「0120-123-4567」は11桁です。フリーダイヤル（0120）の番号は10桁なので、番号を確かめて直してください。",
        ),
        (
            "0570-12-345",
            "「0570-12-345」は9桁です。ナビダイヤル（0570）の番号は10桁なので、番号を確かめて直してください。",
        ),
    ]


def test_contact_address_format_fixes_fullwidth_characters_only() -> None:
    text = "メール：ｉｎｆｏ＠example．jp、お問い合わせフォーム：http://example.jp/form"
    got = findings(text, "contact-address-format")
    assert [(s, sev, f) for s, sev, _m, f in got] == [
        ("ｉｎｆｏ＠example．jp", "warning", "info@example.jp"),
        ("http://example.jp", "info", None),
    ]
    assert (
        findings(text, "contact-address-format", options={"contact-address-format": {"suggest-https": False}})[1:] == []
    )


def test_hours_range_reversed_and_round_the_clock() -> None:
    got = findings("受付時間：18時〜9時。24時間受付（10時〜17時）。夜間：22時〜翌6時。", "hours-range")
    assert [s for s, *_ in got] == ["18時〜9時", "10時〜17時"]
    assert "翌9時" in got[0][2]
    # An incident time range is not reception hours.
    assert findings("5月1日18時〜9時の間に送信されました。", "hours-range") == []


# ------------------------------------------------------------------ rule files
def test_consistency_rules_are_complete_and_fixable_where_certain() -> None:
    rules = {r.id: r for r in builtin_rules()}
    for rule_id in CONSISTENCY:
        rule = rules[rule_id]
        assert rule.category == "consistency"
        assert len(rule.valid) >= 4 and len(rule.invalid) >= 4, rule_id
    assert {r for r in CONSISTENCY if fixable(rules[r])} == {"weekday-mismatch", "contact-address-format"}


@pytest.mark.parametrize(
    ("matcher", "problem"),
    [
        ({"kind": "consistency", "check": "moon"}, "check: must be one of"),
        (
            {"kind": "consistency", "check": "hours", "messages": {"reversed": "逆です"}},
            "needs a message template 'round-the-clock'",
        ),
        (
            {
                "kind": "consistency",
                "check": "hours",
                "messages": {"reversed": "a", "round-the-clock": "b"},
                "colour": 1,
            },
            "unknown key 'colour'",
        ),
        (
            {
                "kind": "consistency",
                "check": "era",
                "messages": {"mismatch": "a", "past-end": "b", "outside": "c"},
                "severities": {"outside": "loud"},
            },
            "severities.outside",
        ),
        ({"kind": "consistency", "check": "phone", "messages": {"length": "a"}, "plan": [{"prefix": "01"}]}, "plan[0]"),
    ],
)
def test_bad_consistency_rule_files_are_refused(matcher: dict, problem: str) -> None:
    data = {
        "id": "house-check",
        "severity": "warning",
        "category": "consistency",
        "summary": "s",
        "message": "確かめてください。",
        "rationale": "r",
        "matcher": matcher,
        "examples": {"valid": ["a"], "invalid": ["b"]},
    }
    with pytest.raises(RuleError, match=problem.replace("(", r"\(").replace("[", r"\[")):
        parse_rule(data, Path("house-check.toml"), {})


# ------------------------------------------------------------------ end to end
def test_cli_fix_replaces_the_weekday(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("件名：お詫び\n\n2025年3月11日（水）に発生しました。\n", encoding="utf-8")
    proc = run_cli("--no-config", "--select", "weekday-mismatch", "--fix", str(draft))
    assert proc.returncode == 0, proc.stderr.decode()
    assert draft.read_text(encoding="utf-8") == "件名：お詫び\n\n2025年3月11日（火）に発生しました。\n"


def test_cli_text_and_json_report_a_consistency_finding() -> None:
    text = "件名：お詫び\n\nお問い合わせ：0120-12-345\n"
    proc = run_cli("--no-config", "--format", "text", "--select", "phone-number-format", "-", stdin=text)
    assert proc.returncode == 1
    assert proc.stdout.decode().strip() == (
        "<stdin>:3:8: warning[phone-number-format] 「0120-12-345」は9桁です。フリーダイヤル（0120）の番号は10桁なので、番号を確かめて直してください。"
    )
    code, data = run_json(
        "--no-config", "--select", "era-mismatch", "-", stdin="件名：お詫び\n\n令和3年（2022年）に発生\n"
    )
    (diag,) = data["files"][0]["diagnostics"]
    assert code == 1
    assert (diag["rule"], diag["severity"], diag["line"], diag["column"], diag["end_column"], diag["fix"]) == (
        "era-mismatch",
        "error",
        3,
        1,
        12,
        None,
    )


def test_sarif_lists_the_consistency_rules_and_their_results() -> None:
    proc = run_cli("--no-config", "--format", "sarif", str(SAMPLES / "ng" / "weekday-mismatch.txt"))
    log = json.loads(proc.stdout.decode("utf-8"))
    run = log["runs"][0]
    described = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(CONSISTENCY) <= set(described)
    assert described["hours-range"]["properties"]["category"] == "consistency"
    (result,) = [r for r in run["results"] if r["ruleId"] == "weekday-mismatch"]
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert (
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "2025年3月11日（火）"
    )


def test_rules_command_lists_the_consistency_category() -> None:
    proc = run_cli("rules")
    out = proc.stdout.decode()
    for rule_id in CONSISTENCY:
        assert rule_id in out
    assert "consistency" in out
    page = run_cli("rule", "weekday-mismatch").stdout.decode()
    assert "事実の整合性（consistency）" in page and "あり（owabilint --fix" in page


def test_language_server_publishes_a_weekday_finding_with_its_quick_fix(tmp_path) -> None:
    from test_lsp import TIMEOUT, open_draft, start, stop

    uri = (tmp_path / "draft.txt").as_uri()
    text = "件名：お詫び\n\n𠮷2025年3月11日（水）に発生しました。\n"

    async def scenario() -> None:
        session, _ = await start(root=tmp_path)
        open_draft(session, uri, text)
        published = await session.diagnostics(uri, version=1)
        (diag,) = [d for d in published.diagnostics if d.code == "weekday-mismatch"]
        assert diag.severity == types.DiagnosticSeverity.Error
        # 𠮷 is two UTF-16 code units.
        assert (diag.range.start.line, diag.range.start.character, diag.range.end.character) == (2, 2, 15)
        actions = await asyncio.wait_for(
            session.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri),
                    range=diag.range,
                    context=types.CodeActionContext(diagnostics=[diag]),
                )
            ),
            TIMEOUT,
        )
        (quick,) = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        (edit,) = quick.edit.changes[uri]
        assert edit.new_text == "2025年3月11日（火）"
        await stop(session)

    asyncio.run(scenario())


MAY_REPORT = [  # (rule, a sentence it can report in, one it cannot)
    ("weekday-mismatch", "2024年5月1日（火）に判明しました。", "調査を進めております。"),
    ("date-order", "2024年6月3日に判明しました。", "調査を進めております。"),  # after the notice's date
    ("hours-range", "受付時間：18時〜9時", "受付時間は18時までです。"),
    ("phone-number-format", "電話：03-1234-567", "お電話でお問い合わせください。"),
    ("contact-address-format", "メール：info@example", "メールでお問い合わせください。"),
    # Full-width digits and marks are read as the check reads them.
    ("phone-number-format", "電話：０３－１２３４－５６７", "お電話でお問い合わせください。"),
    ("contact-address-format", "メール：ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "メールでお問い合わせください。"),
    ("contact-address-format", "詳細：ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ", "ホームページでお知らせします。"),
]


@pytest.mark.parametrize(("rule_id", "can", "cannot"), MAY_REPORT, ids=[m[0] for m in MAY_REPORT])
def test_a_check_skips_sentences_it_cannot_report_in(rule_id, can, cannot, monkeypatch) -> None:
    """The rule's sentence filter is asked only about sentences holding what the check reads."""
    rule = next(r for r in builtin_rules() if r.id == rule_id)  # the rule lint_text uses
    assert [rule.matcher.check.may_report(first_sentence(t)) for t in (can, cannot)] == [True, False]
    asked: list[str] = []
    accepts = rule.matcher.filter.accepts

    def recording(sentence, ctx):
        asked.append(sentence.text)
        return accepts(sentence, ctx)

    monkeypatch.setattr(rule.matcher.filter, "accepts", recording)
    text = f"2024年5月1日\n{cannot}\n{can}\n"  # the notice's own date at the top
    found = findings(text, rule_id)
    assert can in asked and cannot not in asked
    assert found and all(can.find(f[0]) >= 0 for f in found)  # the problem is still reported


def test_checks_that_read_sentences_together_see_every_sentence() -> None:
    sentence = first_sentence("調査を進めております。")
    for rule_id in ("count-mismatch", "era-mismatch", "impossible-date"):
        rule = next(r for r in builtin_rules() if r.id == rule_id)
        assert rule.matcher.check.may_report(sentence)
