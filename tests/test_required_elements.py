"""Section A rules on whole drafts: evidence, negation, sections and where findings point."""

from __future__ import annotations

import pytest
from conftest import run_json

from owabilint.engine import Settings, lint_text
from owabilint.matchers.filters import clause_bounds

CHECKLIST_ORDER = [
    "件名",
    "お詫び",
    "日時",
    "漏えい項目",
    "件数",
    "原因",
    "影響",
    "対応・再発防止策",
    "窓口",
    "受付時間",
    "今後の報告",
    "お客様へのお願い",
    "差出人",
]


def fired(text: str, rule: str, **kw):
    report = lint_text(text, settings=Settings(select={rule}), **kw)
    return [d for d in report.diagnostics if d.rule == rule]


def span(text: str, d) -> str:
    return text[d.offset : d.end_offset]


# ------------------------------------------------------------------ where findings point
def test_missing_prevention_points_at_the_abstract_promise() -> None:
    text = "件名：お詫び\n\n顧客名簿を紛失いたしました。\n今後は、再発防止に努めてまいります。\n"
    [d] = fired(text, "missing-prevention")
    assert span(text, d) == "今後は、再発防止に努めてまいります。"
    assert (d.line, d.column) == (4, 1)


def test_missing_cause_points_at_the_investigating_sentence() -> None:
    text = "■原因\n弊社の不手際により発生いたしました。\n原因につきましては、現在調査中です。\n"
    [d] = fired(text, "missing-cause")
    assert span(text, d) == "原因につきましては、現在調査中です。"
    assert "推定" in d.message


def test_generic_fault_is_not_a_cause_and_is_pointed_at() -> None:
    text = "担当者のミスにより、メールを誤送信いたしました。"
    [d] = fired(text, "missing-cause")
    assert span(text, d) == text
    assert "ミスにより" in d.message


def test_missing_incident_date_points_at_the_vague_word() -> None:
    text = "件名：お詫び\n\n先日、会員情報の流出が判明いたしました。\n"
    [d] = fired(text, "missing-incident-date")
    assert span(text, d) == "先日"
    assert (d.line, d.column, d.end_column) == (3, 1, 3)


def test_missing_signature_points_at_the_last_line() -> None:
    text = "深くお詫び申し上げます。\n\n  サロン スタッフ一同  \n\n"
    [d] = fired(text, "missing-signature")
    assert span(text, d) == "サロン スタッフ一同"
    assert d.line == 3


def test_missing_subject_points_at_line_one() -> None:
    text = "お客様各位\n\n拝啓 時下ますますご清祥のこととお慶び申し上げます。\n"
    [d] = fired(text, "missing-subject")
    assert (d.line, d.column) == (1, 1)


# ------------------------------------------------------------------ dates
def test_issue_date_at_the_top_is_not_the_incident_date() -> None:
    text = "2025年6月2日\n\n件名：お詫び\n\nこの度、予約システムで個人情報が閲覧可能な状態になっていたことが判明いたしました。\n"
    assert fired(text, "missing-incident-date")
    text2 = text.replace("この度、", "2025年5月28日（水）、")
    assert not fired(text2, "missing-incident-date")


def test_date_and_leak_word_on_different_lines_of_one_wrapped_sentence() -> None:
    text = "令和7年2月10日（月）に当院から発送した\nはがきの一部で、誤送付が\n発生いたしました。\n"
    assert not fired(text, "missing-incident-date")


def test_placeholder_date_is_no_evidence() -> None:
    assert fired("[日付]に個人情報の漏えいが判明いたしました。", "missing-incident-date")


# ------------------------------------------------------------------ leaked items
def test_items_in_a_not_leaked_clause_are_no_evidence() -> None:
    text = "お客様情報が流出しましたが、クレジットカード番号は含まれておりません。"
    assert fired(text, "vague-leaked-data")
    text2 = "氏名と住所が流出した可能性がありますが、クレジットカード番号は含まれておりません。"
    assert not fired(text2, "vague-leaked-data")


def test_list_under_a_not_leaked_heading_is_no_evidence() -> None:
    text = "■流出していない情報\n・クレジットカード番号\n・パスワード\n\n会員情報が流出しました。\n"
    found = fired(text, "vague-leaked-data")
    assert [span(text, d) for d in found] == ["会員情報"]


def test_list_introduced_by_a_leak_sentence_counts() -> None:
    text = "次の情報が流出した可能性がございます。\n・氏名\n・メールアドレス\n"
    assert not fired(text, "vague-leaked-data")


def test_advice_and_contact_lines_are_no_evidence() -> None:
    text = "お客様情報が流出しました。\nパスワードの変更をお願いいたします。\n流出に関するお問い合わせ\nメールアドレス：help@example.jp\n"
    assert fired(text, "vague-leaked-data")


@pytest.mark.parametrize(
    "heading",
    ["一、紛失した名簿に記載されていた情報", "1 持ち出された情報", "## 誤って印字された項目", "【表示された情報】"],
)
def test_headings_of_every_style_introduce_the_leaked_items(heading: str) -> None:
    text = f"ファイルの紛失が判明いたしました。\n\n{heading}\n氏名、電話番号\n"
    assert not fired(text, "vague-leaked-data", format="markdown" if heading.startswith("#") else "text")


# ------------------------------------------------------------------ counts
def test_staff_count_is_not_the_affected_count() -> None:
    text = "一部のお客様の納品書を誤って同梱いたしました。同梱作業はスタッフ2名で行っております。"
    [d] = fired(text, "missing-record-count")
    assert span(text, d) == "一部のお客様"


def test_price_and_version_are_not_counts() -> None:
    text = "バージョン4.2.0で、月額480円のプランをご利用のお客様の情報が表示される不具合が発生しました。"
    assert fired(text, "missing-record-count")


# ------------------------------------------------------------------ contact hours
def test_hours_are_not_checked_without_a_contact() -> None:
    assert not fired("ご不明な点はお近くの店舗へお尋ねください。", "missing-contact-hours")


def test_hours_far_from_the_contact_do_not_count() -> None:
    text = "10時から11時30分までの間に送信したメールで誤送信が発生しました。\n\n\n\n\n\n電話：03-0000-1111\n"
    [d] = fired(text, "missing-contact-hours")
    assert span(text, d) == "電話：03-0000-1111"


# ------------------------------------------------------------------ checklist
def test_checklist_lists_every_element_in_reading_order() -> None:
    report = lint_text("件名：お詫び\n\n深くお詫び申し上げます。\n")
    assert [c.element for c in report.checklist] == CHECKLIST_ORDER
    assert [c.found for c in report.checklist][:2] == [True, True]
    assert report.checklist[0].line == 1 and report.checklist[1].line == 3


def test_json_carries_the_same_checklist() -> None:
    _, data = run_json("samples/good/formal-mail.txt")
    checklist = data["files"][0]["checklist"]
    assert [c["element"] for c in checklist] == CHECKLIST_ORDER
    assert all(c["found"] and isinstance(c["line"], int) for c in checklist)


# ------------------------------------------------------------------ clauses
def test_clause_bounds_keep_the_clause_ending() -> None:
    text = "氏名が流出しましたが、カード番号は含まれておらず、被害もございません。"
    i = text.index("カード")
    begin, stop = clause_bounds(text, i, i + 3)
    assert text[begin:stop] == "カード番号は含まれておらず、"


def test_record_count_points_at_the_vague_quantity_about_the_affected_people() -> None:
    text = "複数の端末で確認する手順を設けます。\n一部の会員様の氏名が表示される状態でした。\n"
    [d] = fired(text, "missing-record-count")
    assert span(text, d) == "一部の会員様"
    assert d.line == 2


def test_markdown_link_to_an_inquiry_form_is_a_contact() -> None:
    text = "## お問い合わせ\n\n[お問い合わせフォーム](https://example.jp/contact)（24時間受付）\n"
    assert not fired(text, "missing-contact", format="markdown")
    assert not fired(text, "missing-contact-hours", format="markdown")
    assert fired("## 会社情報\n\n[会社概要](https://example.jp/about)\n", "missing-contact", format="markdown")


def test_count_of_households() -> None:
    assert not fired("連絡網を誤って22ご家庭に配布していたことが判明しました。", "missing-record-count")


def test_require_time_option_asks_for_a_time_of_day() -> None:
    settings = Settings(select={"missing-incident-date"}, options={"missing-incident-date": {"require-time": True}})
    dated = "2025年4月3日、会員情報の流出が判明いたしました。"
    timed = "2025年4月3日14時頃、会員情報の流出が判明いたしました。"
    assert lint_text(dated, settings=settings).diagnostics
    assert not lint_text(timed, settings=settings).diagnostics
    assert not fired(dated, "missing-incident-date")


def test_deadline_date_is_not_the_incident_date() -> None:
    text = "先般、メールの誤送信が発生しました。調査結果は2025年5月1日に公表いたします。"
    [d] = fired(text, "missing-incident-date")
    assert span(text, d) == "先般"


def test_a_parenthetical_not_leaked_note_keeps_the_items_outside_it() -> None:
    from owabilint.engine import Settings, lint_text

    text = "■誤って表示された情報\nメールアドレス（お名前やご住所は含まれておりません）\n"
    report = lint_text(text, settings=Settings(select={"vague-leaked-data"}))
    assert report.diagnostics == []
    negated = "■誤って表示された情報\n（お名前やご住所は含まれておりません）\n"
    report = lint_text(negated, settings=Settings(select={"vague-leaked-data"}))
    assert [d.rule for d in report.diagnostics] == ["vague-leaked-data"]
