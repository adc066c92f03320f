"""The term index: one Aho–Corasick pass per draft gives each pattern exactly the matches
its longest-first alternation regex gave (leftmost, longest, non-overlapping)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from owabilint.document import Document
from owabilint.matchers import termindex
from owabilint.matchers.base import LintContext
from owabilint.matchers.literals import required_literals
from owabilint.matchers.patterns import Pattern
from owabilint.matchers.regex import alternation
from owabilint.matchers.termindex import index_patterns


def pattern(*terms: str, **spec: list[str]) -> Pattern:
    return Pattern.from_spec({"terms": list(terms), **spec} if terms else spec, "test", {})


def spans(p: Pattern, doc: Document) -> list[list[tuple[int, int]]]:
    """Document spans of the raw terms' matches, sentence by sentence."""
    raw = p._live(LintContext(doc)).raw
    return [[s.span(*m) for m in raw.get(s.index, [])] for s in doc.sentences]


def all_spans(p: Pattern, doc: Document) -> list[list[tuple[int, int]]]:
    """Every span the pattern reports, sentence by sentence (terms, regexes, folded)."""
    ctx = LintContext(doc)
    return [list(p.spans(s, ctx)) for s in doc.sentences]


def test_leftmost_longest_non_overlapping_per_pattern() -> None:
    doc = Document("個人情報と情報、個人番号。")
    p = pattern("情報", "個人", "個人情報", "報と")
    index_patterns([p])
    # At 0 the longest term (個人情報) wins; 報と overlaps it and is not reported; the scan
    # goes on after each match.
    assert spans(p, doc) == [[(0, 4), (5, 7), (8, 10)]]


def test_a_term_that_is_a_prefix_of_another() -> None:
    doc = Document("個人情報個人")
    p = pattern("個人", "個人情報")
    index_patterns([p])
    assert spans(p, doc) == [[(0, 4), (4, 6)]]


def test_overlapping_terms_of_two_patterns_are_both_found() -> None:
    doc = Document("情報漏れが判明しました。")
    first, second = pattern("情報漏"), pattern("漏れ")
    index_patterns([first, second])
    assert spans(first, doc) == [[(0, 3)]]
    assert spans(second, doc) == [[(2, 4)]]
    assert first._term_index is second._term_index  # one automaton, one pass


def test_half_and_full_width_punctuation_are_one_mark() -> None:
    doc = Document("件名:お詫び\n件名：お詫び\n（株）と(株)\n")
    subject, company = pattern("件名："), pattern("(株)")
    index_patterns([subject, company])
    assert spans(subject, doc) == [[(0, 3)], [(7, 10)], []]
    assert spans(company, doc) == [[], [], [(14, 17), (18, 21)]]


def test_folded_matches_map_back_to_the_document() -> None:
    # ヴァイオリン is spelled バイオリン in the folded text (one character shorter): the
    # folded match maps back to the whole written word, in the second sentence.
    doc = Document("ご報告です。\n本日、ヴァイオリンを。\n")
    p = pattern("ヴァイオリン")
    index_patterns([p])
    assert p._folded_terms == ["バイオリン"]
    assert p._live(LintContext(doc)).fold == {1: [(3, 8)]}
    assert all_spans(p, doc) == [[], [(10, 16), (10, 16)]]  # raw, then folded
    assert doc.text[10:16] == "ヴァイオリン"


def test_matches_in_later_sentences_get_their_own_offsets() -> None:
    doc = Document("お詫び。\nお詫びとお詫び。\n")
    p = pattern("お詫び")
    index_patterns([p])
    assert spans(p, doc) == [[(0, 3)], [(5, 8), (9, 12)]]


def test_an_empty_document() -> None:
    doc = Document("")
    p = pattern("お詫び", regex=["流出"])
    index_patterns([p])
    assert doc.sentences == []
    assert not p.possible(LintContext(doc))


def test_a_pattern_never_prepared_gets_an_index_of_its_own() -> None:
    doc = Document("ご迷惑をおかけしました。")
    p = pattern("迷惑")
    p.prepare()  # folded, but in no rule set's index
    assert p._term_index is None
    assert spans(p, doc) == [[(1, 3)]]
    assert p._term_index is not None


def test_an_empty_term_keeps_the_regex_semantics() -> None:
    doc = Document("あい")
    p = pattern("", "い")
    index_patterns([p])
    assert p._keys is None
    assert spans(p, doc) == [[(0, 0), (1, 2), (2, 2)]]


def test_too_many_hits_fall_back_to_regexes_with_the_same_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "ああああい。いあああ。\n"
    expected = [[(0, 4), (4, 5)], [(6, 7), (7, 10)]]
    p = pattern("あ", "ああ", "あああ", "ああああ", "い")
    index_patterns([p])
    assert spans(p, Document(text)) == expected
    monkeypatch.setattr(termindex, "_MAX_HITS_PER_CHAR", 1)
    monkeypatch.setattr(termindex, "_MIN_HIT_BUDGET", 0)
    doc = Document(text)
    assert spans(p, doc) == expected
    assert p._term_index is not None and p._term_index.hits(LintContext(doc)).overflow


def test_regexes_run_only_on_sentences_that_hold_their_literal() -> None:
    doc = Document("住所が流出しました。\n氏名は含まれません。\n")
    p = pattern(regex=["(?:住所|氏名)が流出"])
    index_patterns([p])
    live = p._live(LintContext(doc))
    assert [(rx.pattern, where) for rx, where in live.regex] == [("(?:住所|氏名)が流出", frozenset({0}))]
    assert all_spans(p, doc) == [[(0, 5)], []]


def test_labels_are_searched_with_the_same_index() -> None:
    p = pattern("原因", regex=["経緯$"])
    index_patterns([p])
    assert p.search_text("発生原因")
    assert p.search_text("発生の経緯")
    assert not p.search_text("今後の対応")


@pytest.mark.parametrize(
    ("source", "flags", "literals"),
    [
        ("流出", 0, ("流出",)),
        ("(?:氏名|住所)(?:等|など)?が流出", 0, ("が流出",)),
        ("(?:氏名|住所)が", 0, ("住所", "氏名")),
        ("[0-9]+件", 0, ("件",)),
        ("(?:流出)?しました", 0, ("しました",)),
        ("a|[bc]", 0, ("a", "b", "c")),
        ("a|[^bc]", 0, None),
        ("a|[a-z]", 0, None),
        ("[(（][^)）]+[)）]", 0, ("(", "（")),
        ("a|b.*", 0, ("a", "b")),
        ("流出", re.IGNORECASE, None),
        ("(?i:abc)", 0, None),
        ("(?:お詫び)+", 0, ("お詫び",)),
        ("(?:お詫び)*", 0, None),
        ("^\\d+$", 0, None),
    ],
)
def test_required_literals(source: str, flags: int, literals: tuple[str, ...] | None) -> None:
    assert required_literals(re.compile(source, flags)) == literals


ALPHABET = "あいう:：("


@settings(max_examples=150, deadline=None)
@given(
    terms=st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=6),
    other=st.lists(st.text(ALPHABET, min_size=1, max_size=3), min_size=1, max_size=4),
    lines=st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=4),
)
def test_same_spans_as_the_longest_firstalternation(terms: list[str], other: list[str], lines: list[str]) -> None:
    doc = Document("\n".join(lines))
    p, q = pattern(*terms), pattern(*other)
    index_patterns([p, q])
    rx = re.compile(alternation(terms))
    live = p._live(LintContext(doc))
    for sentence in doc.sentences:
        expected = [m.span() for m in rx.finditer(sentence.text)]
        assert live.raw.get(sentence.index, []) == expected


def test_the_rule_cache_stores_no_automaton_and_the_rules_index_again_when_read() -> None:
    from owabilint.cache.rules import decode_rules, encode_rules
    from owabilint.ruleset.loader import builtin_rules_dir, load_rules, prepare_rules

    rules = load_rules(builtin_rules_dir())
    prepare_rules(rules)
    data = encode_rules("key", rules)
    assert b'"_term_index"' not in data and b'"_keys"' not in data
    loaded = decode_rules(data, "key")
    assert loaded is not None
    patterns = [p for rule in loaded for _where, p in rule.matcher.parts() if isinstance(p, Pattern)]
    assert all(p._term_index is None and p._folded_ready for p in patterns)
    prepare_rules(loaded)
    indexes = {id(p._term_index) for p in patterns}
    assert len(indexes) == 1 and None not in {p._term_index for p in patterns}


def test_a_key_that_would_run_across_two_sentences_is_no_hit() -> None:
    automaton = termindex._Automaton()
    automaton.add(0, ["す。\n次", "次", "。"], literal=False)
    automaton.add(1, ["\n"], literal=True)
    automaton.finish()
    pieces = ["お詫びです。", "", "次に進みます。"]
    scanned = automaton.scan("\n".join(pieces), [len(p) for p in pieces])
    assert scanned is not None
    terms, literals = scanned
    # The separator between pieces belongs to none of them: 「す。\n次」 and 「\n」 are no hits.
    assert sorted(terms[0]) == [(0, 5, -6), (2, 0, -1), (2, 6, -7)]
    assert literals == {}
