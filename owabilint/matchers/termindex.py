"""One pass over a draft for every term of a rule set (Aho–Corasick).

A rule set has a few hundred patterns; each may list terms (searched in the raw sentence
and, folded through Sudachi's normalized forms, in the folded sentence) and regexes. The
``TermIndex`` holds every raw term, every folded term and every regex's required literal
(see literals.py) of the patterns it was built for, in two automata (raw and folded),
built once per process when the rules are prepared. For each draft it scans the joined
sentence texts once and the joined folded texts once; ``DocumentHits`` keeps what it
found, in the lint context, so nothing of a draft outlives its lint.

Each pattern then reads its own terms' hits back with the semantics of the regex it
replaces (``re.finditer`` over the longest-first alternation of its terms): per
sentence, leftmost match first, the longest term at that position, no overlaps, the scan
going on after each match. Half- and full-width punctuation (：/:) are one mark: both the
keys and the scanned text are spelled with the full-width one (same length, so offsets
stay valid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from owabilint.matchers.literals import may_match

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document
    from owabilint.matchers.base import LintContext
    from owabilint.matchers.patterns import Pattern

# Half-width and full-width punctuation are the same mark to a reader: a term written
# with one also finds the other (件名： / 件名:, （株） / (株)).
PUNCTUATION_PAIRS = ("：:", "（(", "）)", "！!", "？?", "，,", "；;", "／/")
_FULL_WIDTH = {pair[1]: pair[0] for pair in PUNCTUATION_PAIRS}
_HALF_WIDTH = re.compile("[" + re.escape("".join(_FULL_WIDTH)) + "]")

# A text on which the automaton reports more hits than this per character (many nested
# terms over a long run of one character, from a user's lexicon) is searched pattern by
# pattern with regexes instead: memory stays linear in the draft.
_MAX_HITS_PER_CHAR = 16
_MIN_HIT_BUDGET = 1000

NONE = -1  # the owner id of "nothing to look for"

Spans = dict[int, list[tuple[int, int]]]  # sentence index → (start, end) in that sentence's text


def canonical(text: str) -> str:
    """``text`` with each punctuation pair spelled one way (same length)."""
    # A regex finds the few half-width marks; str.translate would visit every character.
    if _HALF_WIDTH.search(text) is None:
        return text
    return _HALF_WIDTH.sub(lambda m: _FULL_WIDTH[m.group()], text)


@dataclass(frozen=True, slots=True)
class PatternKeys:
    """Owner ids of one pattern's terms and regex literals in a TermIndex (NONE: nothing)."""

    raw: int
    fold: int
    regex: tuple[int, ...]
    fold_regex: tuple[int, ...]


class _Automaton:
    """Keys → (length, term owners, literal owners), searched as one Aho–Corasick automaton."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[set[int], set[int]]] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, owner: int, keys: Iterable[str], literal: bool) -> None:
        found = self._keys
        side = 1 if literal else 0
        # Most key lists hold no half-width mark at all: one search instead of one per key.
        spell = canonical if _HALF_WIDTH.search("".join(keys)) else str
        for key in keys:
            key = spell(key)
            if key:
                entry = found.get(key)
                if entry is None:
                    entry = found[key] = (set(), set())
                entry[side].add(owner)

    def finish(self) -> None:
        if not self._keys:
            return
        automaton = ahocorasick.Automaton()
        for key, (terms, literals) in self._keys.items():
            automaton.add_word(key, (len(key), tuple(sorted(terms)), tuple(sorted(literals))))
        automaton.make_automaton()
        self._automaton = automaton
        self._keys = {}

    def scan(self, text: str, lengths: Sequence[int]) -> tuple[dict[int, list], dict[int, set[int]]] | None:
        """Hits in ``text`` (``lengths``: its pieces, joined by one separator character):
        term owner → [(piece, start, -end)], literal owner → pieces; None if too many."""
        terms: dict[int, list[tuple[int, int, int]]] = {}
        literals: dict[int, set[int]] = {}
        if self._automaton is None or not text:
            return terms, literals
        # Hits come in the order of their end: the piece holding the end only moves forward.
        ends: list[int] = []
        position = 0
        for n in lengths:
            position += n
            ends.append(position)  # the separator after the piece
            position += 1
        piece, piece_end = 0, ends[0] if ends else 0
        budget = _MAX_HITS_PER_CHAR * len(text) + _MIN_HIT_BUDGET
        for end, (length, term_owners, literal_owners) in self._automaton.iter(canonical(text)):
            budget -= 1
            if budget < 0:
                return None
            while end >= piece_end:
                piece += 1
                piece_end = ends[piece]
            local = end + 1 - length - (piece_end - lengths[piece])
            if local < 0:
                continue  # runs across the start of the sentence
            if term_owners:
                # (piece, start, -end): sorting these puts the longest match first at a start.
                hit = (piece, local, -local - length)
                for owner in term_owners:
                    found = terms.get(owner)
                    if found is None:
                        terms[owner] = [hit]
                    else:
                        found.append(hit)
            for owner in literal_owners:
                pieces = literals.get(owner)
                if pieces is None:
                    literals[owner] = {piece}
                else:
                    pieces.add(piece)
        return terms, literals

    def contains(self, owner: int, text: str) -> bool:
        if self._automaton is None:
            return False
        return any(owner in owners for _end, (_n, owners, _lit) in self._automaton.iter(canonical(text)))


class TermIndex:
    """The terms and regex literals of a set of patterns, searched in one pass per draft."""

    def __init__(self) -> None:
        self._raw = _Automaton()
        self._fold = _Automaton()
        # Patterns that look for the same strings (a lexicon used by several rules)
        # share an owner: their hits are recorded and read back once per draft.
        self._shared: dict[tuple[bool, bool, frozenset[str]], int] = {}

    def _owner(self, automaton: _Automaton, keys: Sequence[str], literal: bool) -> int:
        if not keys:
            return NONE
        key = (automaton is self._fold, literal, frozenset(keys))
        owner = self._shared.get(key)
        if owner is None:
            owner = self._shared[key] = len(self._shared)
            automaton.add(owner, keys, literal)
        return owner

    def add(
        self,
        terms: Sequence[str],
        folded: Sequence[str],
        regex_literals: Sequence[Sequence[str] | None],
        fold_regex_literals: Sequence[Sequence[str] | None],
    ) -> PatternKeys:
        """Register one pattern's terms, folded terms and regex literals (None: no literal)."""
        return PatternKeys(
            raw=self._owner(self._raw, terms, False),
            fold=self._owner(self._fold, folded, False),
            regex=tuple(self._owner(self._raw, lits or (), True) for lits in regex_literals),
            fold_regex=tuple(self._owner(self._fold, lits or (), True) for lits in fold_regex_literals),
        )

    def finish(self) -> TermIndex:
        self._raw.finish()
        self._fold.finish()
        self._shared = {}
        return self

    def hits(self, ctx: LintContext) -> DocumentHits:
        """What this index finds in the draft, computed once per lint (kept in the lint context)."""
        key = ("term-hits", id(self))
        known = ctx.memo.get(key)
        if known is None or known[0] is not self:
            known = ctx.memo[key] = (self, DocumentHits(self, ctx.doc))
        return known[1]

    def contains(self, owner: int, text: str) -> bool:
        """Whether a raw term of ``owner`` occurs in ``text`` (a label, not a sentence)."""
        return owner != NONE and self._raw.contains(owner, text)


class DocumentHits:
    """The hits of one TermIndex in one draft, by owner and sentence."""

    def __init__(self, index: TermIndex, doc: Document) -> None:
        sentences = doc.sentences
        raw = index._raw.scan(doc.sentence_texts, [len(s.text) for s in sentences])
        fold = None
        if raw is not None and index._fold._automaton is not None:
            fold = index._fold.scan(doc.folded_texts, [len(s.folded.text) for s in sentences])
        # Too many hits: the patterns search each sentence themselves (Pattern._live).
        self.overflow = raw is None or (index._fold._automaton is not None and fold is None)
        self._raw = raw or ({}, {})
        self._fold = fold or ({}, {})
        self._selected: dict[tuple[int, bool], Spans] = {}
        self._literal_sentences: dict[tuple[int, bool], frozenset[int]] = {}

    def terms(self, owner: int, folded: bool = False) -> Spans:
        """The matches of ``owner``'s terms, sentence by sentence, as ``re.finditer`` over
        their longest-first alternation finds them."""
        key = (owner, folded)
        spans = self._selected.get(key)
        if spans is None:
            hits = (self._fold if folded else self._raw)[0].get(owner, [])
            spans = self._selected[key] = _leftmost_longest(hits)
        return spans

    def literal_sentences(self, owner: int, folded: bool = False) -> frozenset[int]:
        """Indices of the sentences that hold one of ``owner``'s literals."""
        key = (owner, folded)
        found = self._literal_sentences.get(key)
        if found is None:
            found = self._literal_sentences[key] = frozenset((self._fold if folded else self._raw)[1].get(owner, ()))
        return found


def _leftmost_longest(hits: list[tuple[int, int, int]]) -> Spans:
    """Per piece: leftmost first, the longest at a start, never overlapping (``hits`` are
    (piece, start, -end))."""
    out: Spans = {}
    last_piece, last_end = -1, 0
    for piece, start, negative_end in sorted(hits):
        if piece != last_piece:
            last_piece = piece
        elif start < last_end:
            continue
        last_end = -negative_end
        found = out.get(piece)
        if found is None:
            out[piece] = [(start, last_end)]
        else:
            found.append((start, last_end))
    return out


def live_regexes(
    regexes: list[re.Pattern[str]],
    prefilters: list[re.Pattern[str] | None],
    owners: tuple[int, ...],
    joined: str,
    hits: DocumentHits,
    folded: bool,
) -> list[tuple[re.Pattern[str], frozenset[int] | None]]:
    """The regexes that may match somewhere in the draft, each with the sentences that
    hold its required literal (None: it has none, run it on every sentence)."""
    out: list[tuple[re.Pattern[str], frozenset[int] | None]] = []
    for rx, pre, owner in zip(regexes, prefilters, owners):
        if owner == NONE:
            if may_match(pre, joined):
                out.append((rx, None))
            continue
        # Not searched here: a common literal (、) leaves most sentences, and the rule's
        # sentence filter usually rules out most of them before the regex has to run.
        where = hits.literal_sentences(owner, folded)
        if where:
            out.append((rx, where))
    return out


def index_patterns(patterns: Iterable[Pattern]) -> TermIndex:
    """One term index for ``patterns`` (prepared first): each pattern keeps a reference to it."""
    index = TermIndex()
    first: dict[tuple, Pattern] = {}
    for pattern in patterns:
        pattern.prepare()
        same = first.setdefault(pattern.content_key(), pattern)
        pattern._same = same if same is not pattern else None
        pattern._term_index = index
        pattern._keys = (
            index.add(pattern.terms, pattern._folded_terms, pattern._regex_literals, pattern._fold_regex_literals)
            if pattern._indexable()
            else None
        )
    return index.finish()
