"""mixed-style: the style of single sentences, the majority, what is never judged."""

from __future__ import annotations

import pytest

from owabilint.document import Document
from owabilint.engine import Settings, lint_text
from owabilint.matchers.style import PLAIN, POLITE, StyleJudge

JUDGE = StyleJudge(frozenset({"です", "ます"}), frozenset({"くださる", "下さる"}))


def style_of(text: str) -> str | None:
    doc = Document(text)
    return JUDGE.style(doc.sentences[0], doc)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("流出が判明いたしました。", POLITE),
        ("原因は設定の誤りです。", POLITE),
        ("二次被害は確認されておりません。", POLITE),
        ("下記窓口までご連絡ください。", POLITE),
        ("詳細は追ってお知らせするでしょう。", POLITE),
        ("流出が判明した。", PLAIN),
        ("原因は設定の誤りである。", PLAIN),
        ("二次被害はない。", PLAIN),
        ("現在も調査を続けている。", PLAIN),
        ("再発防止策を検討する。", PLAIN),
        ("影響は限定的だろう。", PLAIN),
        ("以上。", None),
        ("現在、対応中。", None),
        ("「封筒の中身が違う。」", None),
    ],
)
def test_style_of_one_sentence(text: str, expected: str | None) -> None:
    assert style_of(text) == expected


def findings(text: str) -> list[str]:
    report = lint_text(text, settings=Settings(select={"mixed-style"}))
    return [text[d.offset : d.end_offset] for d in report.diagnostics]


def test_minority_sentences_are_reported_with_their_ending() -> None:
    text = "流出が判明いたしました。原因は設定の誤りである。深くお詫び申し上げます。"
    report = lint_text(text, settings=Settings(select={"mixed-style"}))
    (d,) = report.diagnostics
    assert text[d.offset : d.end_offset] == "原因は設定の誤りである。"
    assert "「である」" in d.message and "です・ます" in d.message


def test_a_mostly_plain_document_reports_the_polite_sentence() -> None:
    text = "流出が判明した。原因は設定の誤りである。調査を続けております。現在も対応している。"
    assert findings(text) == ["調査を続けております。"]


def test_headings_list_items_subject_and_signature_are_not_judged() -> None:
    text = (
        "件名：誤送信に関するお詫び\n\n"
        "誤送信が判明いたしました。深くお詫び申し上げます。\n\n"
        "■ 経緯を確認する\n"
        "・10時 担当者が誤りに気づく\n"
        "・11時 送信を停止した\n\n"
        "詳細は追ってお知らせいたします。\n\n"
        "株式会社サンプル 情報管理室\n"
        "担当 山田が対応する\n"
    )
    assert findings(text) == []


def test_quoted_plain_speech_is_not_judged() -> None:
    text = "お客様から「届いた書類が違う。」とのご連絡をいただきました。\n「宛名を確認しなかった。」\n直ちに回収いたしました。"
    assert findings(text) == []


def test_lines_without_closing_punctuation_are_fragments_not_sentences() -> None:
    text = (
        "不正アクセスが判明いたしました。\n\n"
        "■経緯\n"
        "4月3日　不審な通信を検知した\n\n"
        "4月4日　サーバーを停止した\n\n"
        "深くお詫び申し上げます。詳細は追ってお知らせいたします。\n"
    )
    assert findings(text) == []
    assert findings(text.replace("停止した\n", "停止した。\n")) == ["4月4日　サーバーを停止した。"]
