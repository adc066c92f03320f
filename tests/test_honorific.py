"""double-honorific: stacked honorifics found by lemma, with exact spans."""

from __future__ import annotations

import pytest

from owabilint.engine import Settings, lint_text


def spans(text: str) -> list[str]:
    report = lint_text(text, settings=Settings(select={"double-honorific"}))
    return [text[d.offset : d.end_offset] for d in report.diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("書面をご覧になられた方", "ご覧になられ"),
        ("会場にお越しになられる際は", "お越しになられる"),
        ("書類をお受け取りになられた方", "お受け取りになられ"),
        ("ご利用になられているお客様", "ご利用になられ"),
        ("お客様がおっしゃられた内容", "おっしゃられ"),
        ("料理を召し上がられた方", "召し上がられ"),
        ("メールを拝見させていただきました", "拝見させていただき"),
        ("ご自宅へお伺いさせていただきます", "お伺いさせていただき"),
    ],
)
def test_double_honorifics_and_their_spans(text: str, expected: str) -> None:
    assert spans(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "書面をご覧になった方",
        "ご自宅へお伺いいたします。",
        "お早めにお召し上がりください。",
        "メールを拝見いたしました。",
        "新たに社長になられた方",
        "ご高齢になられたお客様",
        "お客様から「ご覧になられましたか」と尋ねられました。",
    ],
)
def test_accepted_forms_are_not_reported(text: str) -> None:
    assert spans(text) == []


def test_the_message_names_the_phrase() -> None:
    report = lint_text("お客様がおっしゃられたとおりです。", settings=Settings(select={"double-honorific"}))
    assert "「おっしゃられ」" in report.diagnostics[0].message
