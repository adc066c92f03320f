"""Every rule file's own examples: valid ones stay quiet, invalid ones fire."""

from __future__ import annotations

import pytest

from owabilint.engine import Settings, lint_text
from owabilint.ruleset.loader import builtin_rules

RULES = builtin_rules()
CASES = [
    pytest.param(rule.id, text, expect, id=f"{rule.id}-{'invalid' if expect else 'valid'}-{i}")
    for rule in RULES
    for expect, examples in ((False, rule.valid), (True, rule.invalid))
    for i, text in enumerate(examples)
]


@pytest.mark.parametrize(("rule_id", "text", "should_fire"), CASES)
def test_rule_examples(rule_id: str, text: str, should_fire: bool) -> None:
    report = lint_text(text, settings=Settings(select={rule_id}))
    fired = [d for d in report.diagnostics if d.rule == rule_id]
    if should_fire:
        assert fired, f"{rule_id} should fire on: {text!r}"
    else:
        assert not fired, (
            f"{rule_id} should not fire on: {text!r}, got {[(d.line, d.column, d.message) for d in fired]}"
        )


def test_every_rule_has_examples_and_japanese_message() -> None:
    for rule in RULES:
        assert rule.valid and rule.invalid, rule.id
        assert any("\u3040" <= ch <= "\u30ff" for ch in rule.message), rule.id


def test_rule_ids_are_unique_and_match_files() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.path is not None and rule.path.stem == rule.id
