"""Patterns: the one way rule files describe text to look for.

A pattern spec is a TOML table with any of these keys (a match of any of them counts):

- ``terms``: literal phrases. Each is looked for in the raw sentence and, folded through
  Sudachi's normalized forms, in the folded sentence, so お詫び also finds 御詫び and
  漏えい also finds 漏洩.
- ``lexicons``: names of files in rules/lexicons/ whose lines are used as ``terms``.
- ``regex``: regular expressions on the raw sentence text (line breaks of hard-wrapped
  sentences removed). ``{lexicon:NAME}`` inside a regex stands for any term of that
  lexicon, so a regex can say "a data item, then 含まれておりません" without copying
  the word list.
- ``fold_regex``: regular expressions on the folded sentence text (full-width digits,
  漢数字 and comma-grouped numbers are ASCII digits there).
- ``detectors``: names of built-in detectors that need code (dates, counts, phones...).
- ``tokens``: token sequences (see tokenpattern.py): each a list of tables that
  constrain one Sudachi morpheme each (surface, lemma, pos, form), e.g.
  ``[{surface = "けど", pos = "助詞"}]`` finds the casual conjunction but not やけど.

Placeholders and punctuation are matched on the raw text only: Sudachi folds 〇〇 to 00.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence
    from owabilint.matchers.base import LintContext

from owabilint.errors import RuleError
from owabilint.matchers.features import Detector, SentenceSpans, detector_spans, word_sentences
from owabilint.matchers.literals import prefilter, required_literals
from owabilint.matchers.regex import alternation, compile_regex
from owabilint.matchers.termindex import (
    NONE,
    PatternKeys,
    Spans,
    TermIndex,
    index_patterns,
    live_regexes,
)
from owabilint.matchers.tokenpattern import TokenSequence
from owabilint.suggest import did_you_mean

PATTERN_KEYS = ("terms", "lexicons", "regex", "fold_regex", "detectors", "tokens")


def fold_term(term: str) -> str:
    """``term`` folded through Sudachi (the fold cache is used when rules are prepared)."""
    from owabilint.cache.folds import fold_uncached

    return fold_uncached(term)


@dataclass(frozen=True, slots=True)
class Literals:
    """Literal strings a pattern searches, all from one origin."""

    origin: str  # "terms" (written in the rule file) or "lexicon:NAME"
    strings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PatternTerms:
    """What one pattern (or one regex list) of a matcher searches (see Matcher.patterns)."""

    where: str  # key in the rule's [matcher] table: "patterns[0]", "evidence[1].context[0]"
    literals: tuple[Literals, ...] = ()  # looked for in the raw and the folded sentence
    regexes: tuple[str, ...] = ()  # on the raw sentence text ({lexicon:NAME} expanded)
    fold_regexes: tuple[str, ...] = ()  # on the folded sentence text
    detectors: tuple[str, ...] = ()  # names of built-in detectors (detectors.DETECTORS)
    tokens: tuple[TokenSequence, ...] = ()  # morpheme sequences


class _Live(NamedTuple):
    """What of a pattern can match somewhere in one draft (see Pattern._live)."""

    possible: bool
    raw: Spans  # matches of the raw terms, by sentence
    regex: list[tuple[re.Pattern[str], frozenset[int] | None]]  # with the sentences that hold its literal
    fold: Spans  # matches of the folded terms, by sentence
    fold_regex: list[tuple[re.Pattern[str], frozenset[int] | None]]
    tokens: list[TokenSequence]
    candidates: frozenset[int] | None  # the only sentences it can match in (None: any)
    detected: list[SentenceSpans]  # each detector's spans in the draft
    answers: dict[int, bool]  # whether it matches, by sentence index, as asked (see matches)


@dataclass
class Pattern:
    terms: list[str] = field(default_factory=list)
    # Where ``terms`` came from, in order: (origin, how many), origin "terms" or "lexicon:NAME".
    term_origins: list[tuple[str, int]] = field(default_factory=list)
    regex: list[re.Pattern[str]] = field(default_factory=list)
    fold_regex: list[re.Pattern[str]] = field(default_factory=list)
    detectors: list[Detector] = field(default_factory=list)
    tokens: list[TokenSequence] = field(default_factory=list)
    # Prepared once (see prepare) and kept in the rule cache:
    _folded_terms: list[str] = field(default_factory=list)  # empty when folding finds nothing new
    _regex_literals: list[tuple[str, ...] | None] = field(default_factory=list)
    _fold_regex_literals: list[tuple[str, ...] | None] = field(default_factory=list)
    _folded_ready: bool = False
    _prefilters: tuple = field(default=((), ()), repr=False, compare=False)
    # Per process, never stored (the rule cache leaves them out, see cache/rules.py):
    # the term index of the rule set this pattern was prepared with, and its place there.
    _term_index: TermIndex | None = field(default=None, repr=False, compare=False)
    _keys: PatternKeys | None = field(default=None, repr=False, compare=False)
    _term_regexes: tuple | None = field(default=None, repr=False, compare=False)
    # The first pattern of the rule set that looks for exactly the same (a lexicon used as
    # the topic of eight entries): its answers about a draft are this one's too.
    _same: Pattern | None = field(default=None, repr=False, compare=False)
    _runtime_only: ClassVar[tuple[str, ...]] = ("_term_index", "_keys", "_term_regexes", "_same")

    @classmethod
    def from_spec(cls, spec: Any, where: str, lexicons: dict[str, list[str]]) -> Pattern:
        from owabilint.matchers.detectors import DETECTORS

        if isinstance(spec, str):
            spec = {"terms": [spec]}
        if isinstance(spec, list):
            spec = {"terms": spec}
        if not isinstance(spec, dict):
            raise RuleError(
                f"{where}: パターンのキーの表を指定してください（{type(spec).__name__} が指定されています）"
            )
        unknown = set(spec) - set(PATTERN_KEYS)
        if unknown:
            key = min(unknown)
            raise RuleError(f"{where}: 不明なパターンのキー {key!r} です{did_you_mean(key, list(PATTERN_KEYS))}")
        pat = cls()
        if "tokens" in spec:
            pat.tokens = TokenSequence.parse_list(spec["tokens"], f"{where}.tokens")
        for key in PATTERN_KEYS:
            if key == "tokens":
                continue
            value = spec.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleError(f"{where}.{key}: 文字列のリストを指定してください")
            if key == "terms":
                pat.add_terms("terms", value)
            elif key == "lexicons":
                for name in value:
                    if name not in lexicons:
                        raise RuleError(f"{where}.lexicons: 不明な語彙 {name!r} です")
                    pat.add_terms(f"lexicon:{name}", lexicons[name])
            elif key in ("regex", "fold_regex"):
                target = pat.regex if key == "regex" else pat.fold_regex
                for source in value:
                    target.append(compile_regex(source, f"{where}.{key}", lexicons))
            else:
                for name in value:
                    if name not in DETECTORS:
                        raise RuleError(
                            f"{where}.detectors: 不明な検出器 {name!r} です（{', '.join(sorted(DETECTORS))}）"
                        )
                    pat.detectors.append(DETECTORS[name])
        return pat

    def add_terms(self, origin: str, terms: list[str]) -> None:
        if terms:
            self.terms.extend(terms)
            self.term_origins.append((origin, len(terms)))

    def terms_at(self, where: str) -> PatternTerms:
        """This pattern's part of ``Matcher.patterns()``."""
        from owabilint.matchers.detectors import DETECTORS

        literals, i = [], 0
        for origin, n in self.term_origins:
            literals.append(Literals(origin, tuple(self.terms[i : i + n])))
            i += n
        names: dict[Detector, str] = {fn: name for name, fn in DETECTORS.items()}
        return PatternTerms(
            where,
            tuple(literals),
            tuple(rx.pattern for rx in self.regex),
            tuple(rx.pattern for rx in self.fold_regex),
            tuple(names[d] for d in self.detectors),
            tuple(self.tokens),
        )

    @property
    def empty(self) -> bool:
        return not (self.terms or self.regex or self.fold_regex or self.detectors or self.tokens)

    def prepare(self, fold: Callable[[str], str] | None = None) -> None:
        """Work done once per pattern (and kept in the rule cache): folded terms, the
        literals each regex requires, prefilters."""
        if self._folded_ready:
            return
        fold = fold or fold_term
        folded = [f for f in (fold(t) for t in self.terms) if f]
        known = set(self.terms)  # a 100,000-term lexicon: a list here made loading quadratic
        # Folded terms are searched only when folding spells some term differently.
        self._folded_terms = folded if any(f not in known for f in folded) else []
        self._regex_literals = [required_literals(rx) for rx in self.regex]
        self._fold_regex_literals = [required_literals(rx) for rx in self.fold_regex]
        self._prefilters = ([prefilter(rx) for rx in self.regex], [prefilter(rx) for rx in self.fold_regex])
        self._folded_ready = True

    def _indexable(self) -> bool:
        # An empty term matches everywhere (an empty match): left to the regex engine.
        return "" not in self.terms

    def _index(self) -> tuple[TermIndex, PatternKeys | None]:
        """The term index this pattern was prepared with (one of its own if it never was)."""
        if self._term_index is None:
            index_patterns([self])
        assert self._term_index is not None
        return self._term_index, self._keys

    def _regexes_for_terms(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The terms as longest-first alternations (raw, folded): for drafts and patterns
        the term index does not serve."""
        if self._term_regexes is None:
            raw = re.compile(alternation(self.terms)) if self.terms else None
            fold = re.compile(alternation(self._folded_terms)) if self._folded_terms else None
            self._term_regexes = (raw, fold)
        return self._term_regexes

    def possible(self, ctx: LintContext) -> bool:
        """False when this pattern cannot match any sentence of the draft (a cheap whole-draft test)."""
        return self._live(ctx).possible

    def _live(self, ctx: LintContext) -> _Live:
        """What of this pattern may match somewhere in the draft: the term matches by
        sentence, and the regexes and token sequences that may match (with the sentences
        that hold their literal where known); the rest is left out of ``spans``.

        The answer is kept in the lint context, so it lives exactly as long as the lint of
        the draft: a long-running server keeps nothing of a draft once it has answered."""
        owner = self._same or self  # (self.canonical, without the call: asked very often)
        key = ("pattern-live", id(owner))
        known = ctx.memo.get(key)
        if known is not None and known[0] is owner:
            return known[1]
        assert self._folded_ready, "Pattern.prepare() runs before linting (Matcher.prepare)"
        live = self._find_live(ctx)
        ctx.memo[key] = (owner, live)
        return live

    @property
    def canonical(self) -> Pattern:
        """The pattern whose answers this one shares (itself unless one before it in the
        rule set looks for exactly the same)."""
        return self._same or self

    def content_key(self) -> tuple:
        """What this pattern looks for: patterns with equal keys answer alike."""
        return (
            tuple(self.terms),
            tuple(self._folded_terms),
            tuple((type(rx), rx.pattern) for rx in self.regex),
            tuple((type(rx), rx.pattern) for rx in self.fold_regex),
            tuple(self.detectors),
            tuple(self.tokens),
        )

    def _find_live(self, ctx: LintContext) -> _Live:
        doc = ctx.doc
        index, keys = self._index()
        hits = index.hits(ctx)
        pre_regex, pre_fold_regex = self._prefilters
        if keys is None or hits.overflow:
            raw, fold = self._term_spans_by_regex(doc)
            regex_owners, fold_owners = (NONE,) * len(self.regex), (NONE,) * len(self.fold_regex)
        else:
            raw = hits.terms(keys.raw) if keys.raw != NONE else {}
            fold = hits.terms(keys.fold, folded=True) if keys.fold != NONE else {}
            regex_owners, fold_owners = keys.regex, keys.fold_regex
        regex = live_regexes(self.regex, pre_regex, regex_owners, doc.sentence_texts, hits, False)
        fold_regex: list[tuple[re.Pattern[str], frozenset[int] | None]] = []
        if self.fold_regex:
            fold_regex = live_regexes(self.fold_regex, pre_fold_regex, fold_owners, doc.folded_texts, hits, True)
        # The sentences each part may match in; None: a part that may match anywhere.
        where: list[Collection[int] | None] = [raw, fold, *(w for _rx, w in regex + fold_regex)]
        tokens: list[TokenSequence] = []
        if self.tokens:
            words = word_sentences(ctx)
            for seq in self.tokens:
                holding = seq.candidates(words)
                if holding is None or holding:
                    tokens.append(seq)
                    where.append(holding)
        detected = [detector_spans(ctx, detector) for detector in self.detectors]
        where += detected
        possible = bool(raw or regex or fold or fold_regex or tokens or any(detected))
        candidates: frozenset[int] | None = None
        if None not in where:
            candidates = frozenset().union(*(w for w in where if w is not None))
        return _Live(possible, raw, regex, fold, fold_regex, tokens, candidates, detected, {})

    def sentences(self, ctx: LintContext) -> list[Sentence]:
        """The sentences of the draft this pattern may match in, in order: those that hold
        one of its terms or each regex's literal when it can tell (detectors, token
        sequences and regexes without a literal: every sentence)."""
        live = self._live(ctx)
        if not live.possible:
            return []
        sentences = ctx.doc.sentences
        if live.candidates is None:
            return sentences
        return [sentences[i] for i in sorted(live.candidates)]

    def _term_spans_by_regex(self, doc: Document) -> tuple[Spans, Spans]:
        raw_rx, fold_rx = self._regexes_for_terms()
        raw: Spans = {}
        fold: Spans = {}
        for sentence in doc.sentences:
            if raw_rx is not None:
                found = [m.span() for m in raw_rx.finditer(sentence.text)]
                if found:
                    raw[sentence.index] = found
            if fold_rx is not None:
                found = [m.span() for m in fold_rx.finditer(sentence.folded.text)]
                if found:
                    fold[sentence.index] = found
        return raw, fold

    def spans(self, sentence: Sentence, ctx: LintContext) -> Iterator[tuple[int, int]]:
        """Document spans where this pattern matches inside ``sentence``."""
        return self._spans(self._live(ctx), sentence, ctx)

    def _spans(self, live: _Live, sentence: Sentence, ctx: LintContext) -> Iterator[tuple[int, int]]:
        if not live.possible:
            return
        i = sentence.index
        for start, end in live.raw.get(i, ()):
            yield sentence.span(start, end)
        if live.regex:
            text = sentence.text
            for rx, where in live.regex:
                if where is None or i in where:
                    for m in rx.finditer(text):
                        yield sentence.span(*m.span())
        if live.fold or live.fold_regex:
            folded = sentence.folded
            for start, end in live.fold.get(i, ()):
                yield folded.span(start, end)
            for rx, where in live.fold_regex:
                if where is None or i in where:
                    for m in rx.finditer(folded.text):
                        yield folded.span(*m.span())
        for found in live.detected:
            yield from found.get(i, ())
        for seq in live.tokens:
            yield from seq.spans(sentence.tokens)

    def search_text(self, text: str) -> bool:
        """Whether the raw terms or regexes match ``text`` (a label, not a sentence)."""
        if self.terms:
            index, keys = self._index()
            if keys is not None:
                if index.contains(keys.raw, text):
                    return True
            else:
                raw_rx = self._regexes_for_terms()[0]
                if raw_rx is not None and raw_rx.search(text):
                    return True
        return any(rx.search(text) for rx in self.regex)

    def first(self, sentence: Sentence, ctx: LintContext) -> tuple[int, int] | None:
        return next(self.spans(sentence, ctx), None)

    def matches(self, sentence: Sentence, ctx: LintContext) -> bool:
        # Filters ask the same pattern about the same sentence many times (a heading for
        # every sentence under it): remember the answer for this draft.
        live = self._live(ctx)
        i = sentence.index
        if not live.possible or (live.candidates is not None and i not in live.candidates):
            return False
        if i in live.raw or i in live.fold:
            return True  # a term matches here
        found = live.answers.get(i)
        if found is None:
            found = live.answers[i] = next(self._spans(live, sentence, ctx), None) is not None
        return found


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and drop spans contained in, or overlapping, an earlier one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out
