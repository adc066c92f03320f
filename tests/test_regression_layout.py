"""Regression drafts for reading real layout (tests/regression/layout/).

Each draft is written for this suite and shows one layout or phrasing that published
notices use and owabilint once misread. A case names the failure pattern, the rules
expected to fire among the layout-sensitive rules (exactly these), and for an expected
finding the text it must underline. Below them: the document-model readings the
drafts rely on (titles, wrapping, parentheses, timelines, bracketed terms), the
punctuation-width equivalence of terms and the messages that name the word at fault.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from owabilint.document import Document
from owabilint.engine import Settings, lint_text
from owabilint.matchers.base import LintContext
from owabilint.matchers.patterns import Pattern

DRAFTS = Path(__file__).parent / "regression" / "layout"

# The rules whose findings depend on how the draft's layout is read.
LAYOUT_RULES = frozenset(
    {
        "missing-subject",
        "missing-incident-date",
        "missing-record-count",
        "unfilled-placeholder",
        "mixed-style",
        "technical-jargon",
        "emotional-expression",
        "casual-register",
        "long-sentence",
    }
)

# (draft, pattern, {rule: underlined text or None when only the rule id matters})
CASES = [
    ("date-spaced-1.txt", "date-with-spaces", {}),
    ("date-spaced-2.txt", "date-with-spaces", {}),
    ("lookalike-ideographs-1.txt", "lookalike-ideographs-from-pdf", {}),
    ("lookalike-ideographs-2.txt", "lookalike-ideographs-from-pdf", {}),
    ("count-label-1.txt", "count-in-label-form", {}),
    ("count-label-2.txt", "count-in-label-form", {}),
    ("timeline-date-1.txt", "timeline-date-line", {}),
    ("timeline-date-2.txt", "timeline-date-line", {}),
    ("incident-noun-date-1.txt", "date-of-named-incident", {"missing-subject": None}),
    ("incident-noun-date-2.txt", "date-of-named-incident", {}),
    ("bracket-label-1.txt", "bracketed-section-label", {}),
    ("bracket-label-2.txt", "bracketed-section-label", {}),
    ("title-no-blank-1.txt", "title-without-blank-line", {}),
    ("title-no-blank-2.txt", "title-without-blank-line", {}),
    ("title-label-1.txt", "title-in-label-form", {}),
    ("title-label-2.txt", "title-in-label-form", {}),
    (
        "title-bare-notice-1.txt",
        "bare-notice-word-as-title",
        {"missing-subject": "お知らせ", "missing-incident-date": "このたび"},
    ),
    ("title-bare-notice-2.txt", "bare-notice-word-as-title", {"missing-subject": "【重要】ご報告"}),
    ("title-numbered-heading-1.txt", "section-heading-as-title", {"missing-subject": None}),
    ("title-numbered-heading-2.txt", "section-heading-as-title", {"missing-subject": "会員各位"}),
    ("note-definition-1.txt", "parenthetical-definition-in-sentence", {}),
    ("note-definition-2.txt", "parenthetical-definition-in-sentence", {}),
    ("note-remark-1.txt", "plain-form-note", {}),
    ("note-remark-2.txt", "plain-form-note", {}),
    ("timeline-entry-style-1.txt", "plain-form-timeline-entry", {"technical-jargon": None}),
    ("timeline-entry-style-2.txt", "plain-form-timeline-entry", {}),
    ("circled-marker-1.txt", "circled-number-list-marker", {}),
    ("circled-marker-2.txt", "circled-number-list-marker", {}),
    ("jargon-footnote-1.txt", "jargon-explained-in-footnote", {}),
    ("jargon-footnote-2.txt", "jargon-explained-in-footnote", {}),
    ("jargon-paren-compound-1.txt", "jargon-explained-in-parentheses", {}),
    ("jargon-paren-compound-2.txt", "jargon-explained-in-parentheses", {}),
    ("hard-wrap-1.txt", "hard-wrap-inside-a-word", {"missing-incident-date": "このたび"}),
    ("hard-wrap-2.txt", "hard-wrap-inside-a-word", {}),
    ("missing-period-1.txt", "sentence-end-without-period", {}),
    ("missing-period-2.txt", "sentence-end-without-period", {}),
    ("quoted-term-1.txt", "quoted-single-term", {"technical-jargon": "ランサムウェア"}),
    ("quoted-term-2.txt", "quoted-single-term", {"technical-jargon": "クレデンシャルスタッフィング"}),
    ("count-under-label-item-1.txt", "count-under-count-label", {}),
    ("count-under-label-item-2.txt", "count-under-count-label", {}),
    (
        "count-vague-staff-check-1.txt",
        "vague-quantity-not-about-affected",
        {"missing-record-count": "健康診断結果の誤送付について"},
    ),
    (
        "count-vague-staff-check-2.txt",
        "vague-quantity-not-about-affected",
        {"missing-record-count": "見積書の誤送信に関するお詫び"},
    ),
    ("bracket-label-clause-1.txt", "bracketed-section-label", {}),
    ("bracket-square-label-1.txt", "bracketed-section-label", {"unfilled-placeholder": None}),
    ("bracket-square-label-2.txt", "bracketed-section-label", {}),
    ("timeline-numbered-date-1.txt", "timeline-date-line", {}),
    ("timeline-numbered-date-2.txt", "timeline-date-line", {}),
    ("timeline-marked-date-1.txt", "timeline-date-line", {}),
    ("timeline-marked-date-2.txt", "timeline-date-line", {}),
    ("katakana-item-1.txt", "katakana-item-letter", {}),
    ("katakana-item-2.txt", "katakana-item-letter", {}),
    (
        "bracket-slot-1.txt",
        "bracketed-section-label",
        {"unfilled-placeholder": "＜氏名＞", "missing-subject": None, "missing-record-count": None},
    ),
]


def _lint(name: str):
    text = (DRAFTS / name).read_text(encoding="utf-8")
    return text, lint_text(text, path=name, settings=Settings(select=set(LAYOUT_RULES)))


@pytest.mark.parametrize(("name", "pattern", "expected"), CASES, ids=[f"{p}:{n}" for n, p, _ in CASES])
def test_layout_draft(name: str, pattern: str, expected: dict[str, str | None]) -> None:
    text, report = _lint(name)
    fired = {d.rule for d in report.diagnostics}
    assert fired == set(expected), [(d.rule, d.line, text[d.offset : d.end_offset]) for d in report.diagnostics]
    for rule, span in expected.items():
        if span is not None:
            assert [text[d.offset : d.end_offset] for d in report.diagnostics if d.rule == rule] == [span]


def test_square_bracket_labels_pass_but_signature_slots_are_caught() -> None:
    """[期間] above its content is a section label; [会社名] / [担当者名] stay slots."""
    text, report = _lint("bracket-square-label-1.txt")
    assert [(d.line, text[d.offset : d.end_offset]) for d in report.diagnostics] == [
        (9, "[会社名]"),
        (10, "[担当者名]"),
    ]


def test_every_draft_has_a_case() -> None:
    assert sorted(p.name for p in DRAFTS.glob("*.txt")) == sorted(n for n, _, _ in CASES)


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("（株）", "(株)みどり商会 総務部", "(株)"),
        ("お問い合わせ先：", "お問い合わせ先:総務部", "お問い合わせ先:"),
        ("(泣)", "申し訳ありません（泣）", "（泣）"),
    ],
)
def test_terms_match_either_width_of_punctuation(term: str, text: str, found: str) -> None:
    """Pattern: half-width-and-full-width punctuation; the span points into the original text."""
    doc = Document(text)
    pattern = Pattern.from_spec({"terms": [term]}, "test", {})
    pattern.prepare()
    ctx = LintContext(doc)
    spans = sorted({span for sentence in doc.sentences for span in pattern.spans(sentence, ctx)})
    assert [text[s:e] for s, e in spans] == [found]


@pytest.mark.parametrize(
    ("text", "rule", "underlined", "message"),
    [
        (
            "確認が遅れてた点をお詫びいたします。",
            "casual-register",
            "て",
            "「遅れてた」は「い」の抜けた話し言葉です。「遅れていた」に改めてください。",
        ),
        (
            "宛先を取り違えちゃいました。",
            "casual-register",
            "ちゃい",
            "「取り違えちゃいました」は話し言葉です。「取り違えてしまいました」に改めてください。",
        ),
        (
            "このたびは本当に申し訳ございません。",
            "emotional-expression",
            "本当に",
            "「本当に」は感情的な強調表現です。「心より」「深く」「誠に」など、落ち着いた表現に改めてください。",
        ),
        (
            "今後はすごく注意いたします。",
            "casual-register",
            "すごく",
            "「すごく」は話し言葉です。「大変」「非常に」「きちんと」「やはり」「少し」など書き言葉に改めてください。",
        ),
    ],
)
def test_phrase_messages_name_the_word_at_fault(text: str, rule: str, underlined: str, message: str) -> None:
    report = lint_text(text, settings=Settings(select={rule}))
    assert [(text[d.offset : d.end_offset], d.message) for d in report.diagnostics] == [(underlined, message)]


def test_rule_pack_suggestion_with_re2(tmp_path: Path) -> None:
    """A rule pack's ``suggest`` runs on RE2 and still rewrites the word by characters."""
    from owabilint.ruleset.loader import builtin_rules
    from owabilint.ruleset.packs import load_rule_pack

    pack = r"""
id = "house-teru"
severity = "warning"
category = "tone"
summary = "い抜き言葉"
message = "い抜き言葉です。"
rationale = "書き言葉では「い」を省きません。"
[matcher]
kind = "phrase"
[[matcher.patterns]]
tokens = [[{lemma = "てる", pos = "助動詞"}]]
suggest = [['([てで])(る|た)', '\1い\2']]
message = "「{word}」を「{suggestion}」に改めてください。"
[examples]
valid = ["調べております。"]
invalid = ["調べてた。"]
"""
    (tmp_path / "house-teru.toml").write_text(pack, encoding="utf-8")
    rules = load_rule_pack(tmp_path / "house-teru.toml", {})
    report = lint_text("情報が漏れてた。", rules=[*builtin_rules(), *rules], settings=Settings(select={"house-teru"}))
    assert [d.message for d in report.diagnostics] == ["「漏れてた」を「漏れていた」に改めてください。"]


# ---------------------------------------------------------------- the document model
def _texts(text: str) -> list[str]:
    return [s.text for s in Document(text).sentences]


def test_title_without_blank_line_is_a_sentence_of_its_own() -> None:
    text = "2025年3月1日\nさくら商事株式会社\n顧客名簿の紛失に関するお詫び\nこのたび、顧客名簿を紛失いたしました。"
    doc = Document(text)
    assert doc.title_lines == frozenset({3})
    assert _texts(text)[-2:] == ["顧客名簿の紛失に関するお詫び", "このたび、顧客名簿を紛失いたしました。"]


def test_katakana_item_letters_are_list_items() -> None:
    doc = Document("経過\nア 書類を机上に置いた。\nイ　翌日に気づいた。\nアンケート 結果を集計しました。")
    assert [s.role for s in doc.sentences][1:] == ["list", "list", "plain"]


def test_a_letter_opening_is_not_a_title() -> None:
    assert Document("このたびの名簿の紛失について\n深くお詫び申し上げます。").title_lines == frozenset()


def test_parenthetical_period_stays_inside_the_sentence() -> None:
    assert _texts("A社（以下「委託先」という。）の端末が感染しました。次に進みます。") == [
        "A社（以下「委託先」という。）の端末が感染しました。",
        "次に進みます。",
    ]
    # An opening parenthesis that never closes on its line does not swallow the rest.
    assert _texts("（1件目。続きです。") == ["（1件目。", "続きです。"]


def test_wrap_width_and_mid_word_join() -> None:
    text = (
        "当店から会員の皆様にお送りしたお知らせメールで、担当者が宛先を誤\n"
        "って入力し、会員様のメールアドレスが互いに見える状態で送信しまし\n"
        "た。"
    )
    doc = Document(text)
    assert doc.wrap_width == 64
    assert [s.text for s in doc.sentences] == [text.replace("\n", "")]


def test_polite_ending_without_period_ends_the_sentence() -> None:
    text = (
        "確認したところ、机の上に置いたところまでは分かりました\n翌日に紛失に気づき、探しましたが見つかりませんでした。"
    )
    assert _texts(text) == [
        "確認したところ、机の上に置いたところまでは分かりました",
        "翌日に紛失に気づき、探しましたが見つかりませんでした。",
    ]


def test_timeline_date_heads_its_entries_but_the_issue_date_does_not() -> None:
    text = "2025年5月1日\n\n名簿の紛失についてご報告いたします。\n\n4月3日（木）\n\n・職員が名簿を持ち出した。\n\n4月4日（金）\n\n・紛失に気づいた。"
    doc = Document(text)
    by_text = {s.text: s for s in doc.sentences}
    assert by_text["2025年5月1日"].dated_entries == []
    assert [s.text for s in by_text["4月3日（木）"].dated_entries] == ["・職員が名簿を持ち出した。"]
    assert [s.text for s in by_text["4月4日（金）"].dated_entries] == ["・紛失に気づいた。"]


def test_a_bracketed_term_is_not_a_quotation_but_speech_is() -> None:
    text = "「Bcc」欄に入力すべきところ、「宛先」欄に入力しました。お客様から「届いたメールに他の方の住所があります」とのご連絡がありました。"
    doc = Document(text)
    speech = text.index("「届いた")
    assert doc.quote_spans == [(speech, text.index("」とのご連絡") + 1)]


def test_lookalike_ideographs_are_read_but_reported_as_written() -> None:
    from owabilint.document.lookalikes import fold_lookalikes

    written = "2024年3\u2f491\u2f47、\u2f52名と\u2f63年月日が\uf9dcれました。"
    assert fold_lookalikes(written) == "2024年3月1日、氏名と生年月日が隆れました。"
    assert len(fold_lookalikes(written)) == len(written)
    assert fold_lookalikes("ふつうの文。") == "ふつうの文。"
    report = lint_text(written)
    assert report.text == written  # the report shows the draft as written
    assert "missing-incident-date" not in {d.rule for d in report.diagnostics}


def test_a_bracketed_list_of_items_is_not_a_quotation() -> None:
    doc = Document(
        "対象は「会員番号、氏名(漢字)、住所、電話番号」です。担当者は「はい、すぐに確認します」と答えました。"
    )
    listed = doc.text.index("「会員番号")
    speech = doc.text.index("「はい")
    assert not doc.in_quote(listed + 1, listed + 5)
    assert doc.in_quote(speech + 1, speech + 3)
