"""Phrase rules of section B: exact spans, part-of-speech matching, negation checks."""

from __future__ import annotations

from owabilint.engine import Settings, lint_text


def spans(rule_id: str, text: str) -> list[str]:
    report = lint_text(text, settings=Settings(select={rule_id}))
    return [text[d.offset : d.end_offset] for d in report.diagnostics if d.rule == rule_id]


def test_casual_conjunction_is_found_by_part_of_speech_not_by_spelling() -> None:
    assert spans("casual-register", "調査しましたけど、原因は不明です。") == ["けど"]
    # the noun やけど ends in the same two characters
    assert spans("casual-register", "やけどの記録は含まれておりません。") == []


def test_casual_self_reference_and_sentence_initial_conjunction() -> None:
    assert spans("casual-register", "私たちの確認不足です。なので、停止しました。") == ["私たち", "なので"]
    # なので inside a sentence is not the sentence-initial conjunction
    assert spans("casual-register", "メンテナンス中なので、ご注意ください。") == []


def test_casual_words_inside_quotations_are_not_reported() -> None:
    assert spans("casual-register", "お客様から「すごく不安なんだけど」とのお声をいただきました。") == []


def test_totemo_only_next_to_an_apology() -> None:
    assert spans("casual-register", "とても申し訳なく存じます。") == ["とても"]
    assert spans("casual-register", "とても多くの方にご利用いただいております。") == []


def test_blame_shifting_respects_negation() -> None:
    assert spans("blame-shifting", "本件は不可抗力によるものです。") == ["不可抗力"]
    assert spans("blame-shifting", "本件は不可抗力ではなく、弊社の不備によるものです。") == []


def test_blame_shifting_tells_accepting_from_disclaiming() -> None:
    assert spans("blame-shifting", "委託先の管理を含め、弊社の責任であり、深くお詫びいたします。") == []
    found = spans("blame-shifting", "委託先の責任であり、弊社に責任はございません。")
    assert found == ["委託先の責任であり", "弊社に責任はございません"]


def test_conditional_apology_points_at_the_condition() -> None:
    assert spans("conditional-apology", "ご迷惑をおかけしたとすれば、お詫び申し上げます。") == [
        "ご迷惑をおかけしたとすれば"
    ]
    # an invitation to ask questions is not a conditional apology
    assert (
        spans("conditional-apology", "ご不安な点がございましたら、お問い合わせください。深くお詫び申し上げます。") == []
    )


def test_long_sentence_message_says_the_length_and_limit() -> None:
    text = "あ" * 130 + "。"
    report = lint_text(text, settings=Settings(select={"long-sentence"}))
    (d,) = report.diagnostics
    assert (d.offset, d.end_offset) == (0, 131)
    assert "131字" in d.message and "120字" in d.message
    report = lint_text(text, settings=Settings(select={"long-sentence"}, options={"long-sentence": {"max-chars": 140}}))
    assert report.diagnostics == []


def _rule_with(entry: dict) -> dict:
    return {
        "id": "house-rule",
        "severity": "warning",
        "category": "wording",
        "summary": "s",
        "message": "社内ルールです。",
        "rationale": "r",
        "matcher": {"kind": "phrase", "patterns": [entry]},
        "examples": {"valid": ["a"], "invalid": ["b"]},
    }


def test_token_sequences_and_negation_checks_are_validated_with_file_and_key() -> None:
    from pathlib import Path

    import pytest

    from owabilint.errors import RuleError
    from owabilint.ruleset.loader import parse_rule

    where = Path("house-rule.toml")
    with pytest.raises(RuleError, match=r"house-rule\.toml.*tokens\[0\]\[0\]: 不明なトークンのキー 'lemmas' です"):
        parse_rule(_rule_with({"tokens": [[{"lemmas": "だ"}]]}), where, {})
    with pytest.raises(RuleError, match=r"house-rule\.toml.*unless_after"):
        parse_rule(_rule_with({"terms": ["x"], "unless_after": ["("]}), where, {})


def test_token_sequence_with_start_matches_only_the_first_word() -> None:
    from pathlib import Path

    from owabilint.ruleset.loader import parse_rule

    rule = parse_rule(_rule_with({"tokens": [[{"surface": "なお", "start": True}]]}), Path("house-rule.toml"), {})
    text = "なお、原因はなお調査中です。"
    report = lint_text(text, rules=[rule])
    assert [(d.offset, d.end_offset) for d in report.diagnostics] == [(0, 2)]


def test_casual_words_with_a_one_for_one_written_form_carry_a_fix() -> None:
    text = "本当にすみませんでした。やっぱりちゃんと確認すべきでした。"
    report = lint_text(text, settings=Settings(select={"casual-register"}))
    fixes = [(text[d.offset : d.end_offset], d.fix.replacement if d.fix else None) for d in report.diagnostics]
    assert fixes == [("すみません", "申し訳ございません"), ("やっぱり", "やはり"), ("ちゃんと", "きちんと")]
