"""Sentence filter keys shared by rule files: position, proximity, context and lexicon references."""

from __future__ import annotations

import pytest

from owabilint.engine import lint_text
from owabilint.errors import RuleError
from owabilint.ruleset.loader import parse_rule

LEXICONS = {"leak": ["流出", "紛失"], "items": ["氏名", "住所"]}


def rule(matcher: dict, name: str = "probe") -> object:
    data = {
        "id": name,
        "severity": "warning",
        "category": "content",
        "summary": "s",
        "message": "テストです。",
        "rationale": "r",
        "matcher": {"kind": "phrase", **matcher},
        "examples": {"valid": ["a"], "invalid": ["b"]},
    }
    from pathlib import Path

    return parse_rule(data, Path(f"{name}.toml"), LEXICONS)


def spans(r, text: str) -> list[str]:
    report = lint_text(text, rules=[r])
    return [text[d.offset : d.end_offset] for d in report.diagnostics]


def test_lexicon_reference_in_a_regex() -> None:
    r = rule({"patterns": [{"regex": "(?:{lexicon:items})が(?:{lexicon:leak})"}]})
    assert spans(r, "氏名が流出しました。住所を変更しました。") == ["氏名が流出"]


def test_unknown_lexicon_in_a_regex_names_the_file() -> None:
    with pytest.raises(RuleError, match=r"probe\.toml.*語彙 'nope' がありません"):
        rule({"patterns": [{"regex": "{lexicon:nope}"}]})


def test_first_and_last_lines() -> None:
    text = "氏名A\n\n二\n三\n四\n五\n氏名B\n"
    r = rule({"patterns": [{"terms": ["氏名"], "first_lines": 2, "last_lines": 1}]})
    assert spans(r, text) == ["氏名", "氏名"]
    r2 = rule({"patterns": [{"terms": ["氏名"], "first_lines": 1}]})
    assert [d.line for d in lint_text(text, rules=[r2]).diagnostics] == [1]


def test_near_another_pattern() -> None:
    text = "受付時間：9時〜17時\n\n\n\n\n電話：03-0000-1111\n受付時間：10時〜18時\n"
    r = rule({"patterns": [{"terms": ["受付時間"], "near": {"detectors": ["phone"], "lines": 1}}]})
    assert [d.line for d in lint_text(text, rules=[r]).diagnostics] == [7]


def test_unless_clause_and_unless_before() -> None:
    r = rule({"patterns": [{"lexicons": ["items"], "unless_clause": ["含まれておりません"]}]})
    assert spans(r, "氏名が流出しましたが、住所は含まれておりません。") == ["氏名"]
    r2 = rule({"patterns": [{"regex": "により流出", "unless_before": ["ミス$"]}]})
    assert spans(r2, "ミスにより流出しました。攻撃により流出しました。") == ["により流出"]


def test_topic_is_read_from_the_lead_sentence_of_a_list() -> None:
    r = rule({"patterns": [{"lexicons": ["items"], "kinds": ["list"], "topic": {"lexicons": ["leak"]}}]})
    assert spans(r, "次の情報が流出しました。\n・氏名\n・住所\n") == ["氏名", "住所"]
    assert spans(r, "次の項目をご記入ください。\n・氏名\n") == []


def test_unless_context_rejects_a_negated_heading() -> None:
    r = rule({"patterns": [{"lexicons": ["items"], "unless_context": {"regex": "ていない"}}]})
    assert spans(r, "■流出していない情報\n・氏名\n") == []
    assert spans(r, "■流出した情報\n・氏名\n") == ["氏名"]
