"""The matcher contract (what the engine and the tools read) and per-draft state.

Loaded rules are shared by every draft of a run (and by a language server for hours):
linting must not change them, and they must keep nothing of the drafts they read.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from owabilint.cache.rules import encode_rules
from owabilint.document import Document
from owabilint.engine import Settings, lint_document, lint_text
from owabilint.matchers.patterns import Literals, PatternTerms
from owabilint.matchers.registry import MATCHERS
from owabilint.ruleset.loader import load_rules, parse_rule, prepare_rules

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _rule(matcher: dict) -> dict:
    return {
        "id": "house-rule",
        "severity": "warning",
        "category": "wording",
        "summary": "s",
        "message": "社内ルールの表現です。",
        "rationale": "r",
        "matcher": matcher,
        "examples": {"valid": ["a"], "invalid": ["b"]},
    }


def test_patterns_name_each_literal_by_lexicon_and_each_regex_by_key() -> None:
    lexicons = {"feelings": ["悲しい", "残念無念"]}
    matcher = {
        "kind": "phrase",
        "patterns": [
            {"terms": ["遺憾"], "lexicons": ["feelings"], "regex": ["{lexicon:feelings}です"], "detectors": ["date"]},
            {"fold_regex": ["\\d+件"], "context": {"terms": ["流出"]}, "unless_before": ["ない$"], "fix": "x"},
        ],
    }
    rule = parse_rule(_rule(matcher), Path("house-rule.toml"), lexicons)
    assert rule.matcher.patterns() == [
        PatternTerms(
            "patterns[0]",
            literals=(Literals("terms", ("遺憾",)), Literals("lexicon:feelings", ("悲しい", "残念無念"))),
            regexes=("(?:残念無念|悲しい)です",),
            detectors=("date",),
        ),
        PatternTerms("patterns[1]", fold_regexes=("\\d+件",)),
        PatternTerms("patterns[1].context[0]", literals=(Literals("terms", ("流出",)),)),
        PatternTerms("patterns[1].unless_before", regexes=("ない$",)),
    ]
    assert rule.matcher.fixable


def test_contract_attributes_of_require_and_other_kinds() -> None:
    rules = {r.id: r for r in load_rules()}
    hours = rules["missing-contact-hours"].matcher
    assert (hours.checklist, hours.requires, hours.element) == (True, "missing-contact", "受付時間")
    assert rules["missing-apology"].matcher.order < rules["missing-contact"].matcher.order
    assert (
        rules["emotional-expression"].matcher.element == "" and rules["emotional-expression"].matcher.requires is None
    )
    assert rules["casual-register"].matcher.fixable and not rules["missing-apology"].matcher.fixable
    assert rules["weekday-mismatch"].matcher.fixable  # a consistency check with certain corrections
    assert rules["long-sentence"].matcher.option_keys == ("max-chars",)
    jargon = rules["technical-jargon"].matcher.patterns()
    assert jargon and any(group.origin.startswith("lexicon:") for group in jargon[0].literals)
    for rule in rules.values():
        assert rule.matcher.kind in MATCHERS
        for terms in rule.matcher.patterns():
            assert all(isinstance(rx, str) for rx in (*terms.regexes, *terms.fold_regexes)), rule.id


def test_linting_leaves_prepared_rules_unchanged_and_keeps_no_draft() -> None:
    rules = load_rules()
    prepare_rules(rules)
    before = encode_rules("k", rules)
    doc = Document((SAMPLES / "ng" / "vague-investigating.txt").read_text(encoding="utf-8"), path="a.txt")
    alive = weakref.ref(doc)
    report = lint_document(doc, rules)
    assert report.diagnostics
    del doc
    gc.collect()
    assert alive() is None, "a loaded rule keeps a reference to the last draft"
    assert encode_rules("k", rules) == before


def test_a_draft_linted_after_another_gives_what_it_gives_alone() -> None:
    shared = load_rules()
    drafts = sorted((SAMPLES / "ng").glob("*.txt"))
    first, second = drafts[0].read_text(encoding="utf-8"), drafts[-1].read_text(encoding="utf-8")
    settings = Settings()
    lint_text(first, rules=shared, settings=settings)
    after = lint_text(second, rules=shared, settings=settings)
    alone = lint_text(second, rules=load_rules(), settings=settings)
    assert after.diagnostics and after.diagnostics == alone.diagnostics
    assert after.checklist == alone.checklist
