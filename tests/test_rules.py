"""Every rule file's own examples: valid ones stay quiet, invalid ones fire."""

from __future__ import annotations

from pathlib import Path

import pytest

from owabilint.errors import RuleError
from owabilint.ruleset.examples import InvalidExample, check_examples, invalid_problem, reported_spans
from owabilint.ruleset.loader import Rule, builtin_rules, parse_rule

RULES = builtin_rules()
VALID = [pytest.param(rule, text, id=f"{rule.id}-valid-{i}") for rule in RULES for i, text in enumerate(rule.valid)]
INVALID = [
    pytest.param(rule, example, id=f"{rule.id}-invalid-{i}") for rule in RULES for i, example in enumerate(rule.invalid)
]
# Rules whose every invalid example pins the span it reports (see ruleset/examples.py).
SPANS_PINNED = {
    "blame-shifting",
    "casual-register",
    "conditional-apology",
    "contact-address-format",
    "count-mismatch",
    "date-order",
    "double-honorific",
    "emotional-expression",
    "era-mismatch",
    "hours-range",
    "impossible-date",
    "missing-incident-date",
    "missing-prevention",
    "missing-record-count",
    "mixed-style",
    "phone-number-format",
    "technical-jargon",
    "unfilled-placeholder",
    "vague-leaked-data",
    "weekday-mismatch",
}


@pytest.mark.parametrize(("rule", "text"), VALID)
def test_valid_examples_stay_quiet(rule: Rule, text: str) -> None:
    fired = reported_spans(rule, text)
    assert not fired, f"{rule.id} should not fire on: {text!r}, got {fired}"


@pytest.mark.parametrize(("rule", "example"), INVALID)
def test_invalid_examples_fire_at_their_spans(rule: Rule, example: InvalidExample) -> None:
    fired = [(s, e) for _line, _column, s, e in reported_spans(rule, example.text)]
    assert fired, f"{rule.id} should fire on: {example.text!r}"
    if example.spans is not None:
        assert fired == list(example.spans), [example.text[s:e] for s, e in fired]


def test_phrase_style_rules_pin_the_span_of_every_invalid_example() -> None:
    by_id = {rule.id: rule for rule in RULES}
    for rule_id in SPANS_PINNED:
        assert all(example.spans for example in by_id[rule_id].invalid), rule_id


def test_every_rule_has_examples_and_japanese_message() -> None:
    for rule in RULES:
        assert rule.valid and rule.invalid, rule.id
        assert any("\u3040" <= ch <= "\u30ff" for ch in rule.message), rule.id


def test_rule_ids_are_unique_and_match_files() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.path is not None and rule.path.stem == rule.id


def _house_rule(invalid: list) -> dict:
    return {
        "id": "house-rule",
        "severity": "warning",
        "category": "wording",
        "summary": "社内で避ける言い方",
        "message": "社内ルールで避ける言い方です。",
        "rationale": "r",
        "matcher": {"kind": "phrase", "patterns": [{"terms": ["善処"]}]},
        "examples": {"valid": ["対応いたします。"], "invalid": invalid},
    }


@pytest.mark.parametrize(
    ("invalid", "error"),
    [
        ([{"text": "善処します。", "span": "対処"}], r"examples\.invalid\[0\]\.span: 「対処」が例文の中にありません"),
        ([{"text": "善処します。"}], r"examples\.invalid\[0\]\.span: 指摘される箇所の文字列"),
        ([{"span": "善処"}], r"examples\.invalid\[0\]\.text: 例文を文字列で指定してください"),
        (["善処します。", {"text": "善処します。", "spam": "x"}], r"examples\.invalid\[1\]: 不明なキー 'spam' です"),
        (
            [{"text": "善処、善処。", "span": "善処", "occurrence": 3}],
            r"examples\.invalid\[0\]\.span: 3 回目の「善処」が例文の中にありません",
        ),
        (
            [{"text": "善処。", "span": "善処", "occurrence": 0}],
            r"examples\.invalid\[0\]\.occurrence: 1 以上の整数を指定してください",
        ),
        (
            [{"text": "善処。", "span": ["善処"], "occurrence": 1}],
            r"examples\.invalid\[0\]\.occurrence: span が 1 つのときだけ指定できます",
        ),
        ([7], r"examples\.invalid\[0\]: 文字列か \{ text = …, span = … \} の表を指定してください"),
    ],
)
def test_bad_example_spans_are_refused_naming_file_and_key(invalid: list, error: str) -> None:
    with pytest.raises(RuleError, match=r"^house-rule\.toml: " + error):
        parse_rule(_house_rule(invalid), Path("house-rule.toml"), {})


def test_a_pinned_span_is_checked_at_its_occurrence() -> None:
    text = "善処します。今後も善処いたします。"
    second = parse_rule(_house_rule([{"text": text, "span": "善処", "occurrence": 2}]), Path("house-rule.toml"), {})
    assert second.invalid[0].spans == ((9, 11),)
    both = parse_rule(_house_rule([{"text": text, "span": ["善処", "善処"]}]), Path("house-rule.toml"), {})
    assert both.invalid[0].spans == ((0, 2), (9, 11))
    assert invalid_problem(both, both.invalid[0], [both]) is None
    problem = invalid_problem(second, second.invalid[0], [second])
    assert problem == "「善処」 を指摘するはずの例ですが、「善処」（1:1）、「善処」（1:10） が指摘されました"
    failures = check_examples([second], [second])
    assert [(f.key, f.problem) for f in failures] == [("examples.invalid[0]", problem)]
