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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence
    from owabilint.matchers.base import LintContext

from owabilint.errors import RuleError
from owabilint.matchers.regex import RegexSyntaxError, compile_with_engine
from owabilint.matchers.tokenpattern import TokenSequence
from owabilint.suggest import did_you_mean

PATTERN_KEYS = ("terms", "lexicons", "regex", "fold_regex", "detectors", "tokens")

Detector = Callable[["Sentence"], Iterator[tuple[int, int]]]


def fold_term(term: str) -> str:
    """``term`` folded through Sudachi (the fold cache is used when rules are prepared)."""
    from owabilint.cache.folds import fold_uncached

    return fold_uncached(term)


# Half-width and full-width punctuation are the same mark to a reader: a term written
# with one also finds the other (件名： / 件名:, （株） / (株)).
_PUNCTUATION_PAIRS = ("：:", "（(", "）)", "！!", "？?", "，,", "；;", "／/")
_PUNCTUATION_CLASS = {c: "[" + re.escape(pair) + "]" for pair in _PUNCTUATION_PAIRS for c in pair}


def _term_source(term: str) -> str:
    return "".join(_PUNCTUATION_CLASS.get(c) or re.escape(c) for c in term)


def _alternation(items: list[str]) -> str:
    # Longest first so that the regex engine prefers the most specific term.
    return "|".join(_term_source(t) for t in sorted(set(items), key=len, reverse=True))


_LEXICON_REF = re.compile(r"\{lexicon:([A-Za-z0-9_\-]+)\}")


def compile_regex(source: str, where: str, lexicons: dict[str, list[str]]) -> re.Pattern[str]:
    """Compile a rule-file regex, expanding ``{lexicon:NAME}`` to the lexicon's terms.

    Built-in rules compile with ``re``; inside ``untrusted_patterns()`` (user rule
    packs) with RE2, which cannot backtrack catastrophically (see matchers/regex.py).
    """

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lexicons:
            raise RuleError(f"{where}: 正規表現 {source!r} の語彙 {name!r} がありません")
        return f"(?:{_alternation(lexicons[name])})"

    try:
        return compile_with_engine(_LEXICON_REF.sub(expand, source))
    except RegexSyntaxError as exc:
        raise RuleError(f"{where}: 正規表現 {source!r} を使えません: {exc}") from None


_LOOKAROUND_SYNTAX = ("\\A", "\\Z", "\\b", "\\B", "(?=", "(?!", "(?<=", "(?<!")
_prefilters: dict[tuple[str, int], re.Pattern[str] | None] = {}


def _prefilter(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A regex to run on a draft's sentences joined by line breaks, or None.

    A match of ``rx`` inside one sentence is then also a match in the joined text, so
    finding nothing there rules the pattern out for the whole draft. Sentence texts have
    no line breaks, so ``^``/``$`` become line anchors (MULTILINE); a regex that looks
    around its match (lookarounds, ``\\b``, ``\\A``, ``\\Z``) gets no prefilter.
    """
    if not isinstance(rx, re.Pattern):
        return None  # another engine (e.g. re2 for user rule packs): always run it
    key = (rx.pattern, rx.flags)
    if key not in _prefilters:
        source = rx.pattern.replace("[^", "[")
        if any(syntax in source for syntax in _LOOKAROUND_SYNTAX):
            _prefilters[key] = None
        elif "^" in source or "$" in source:
            _prefilters[key] = re.compile(rx.pattern, rx.flags | re.MULTILINE)
        else:
            _prefilters[key] = rx
    return _prefilters[key]


def _may_match(prefilter: re.Pattern[str] | None, joined: str) -> bool:
    return prefilter is None or prefilter.search(joined) is not None


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


@dataclass
class Pattern:
    terms: list[str] = field(default_factory=list)
    # Where ``terms`` came from, in order: (origin, how many), origin "terms" or "lexicon:NAME".
    term_origins: list[tuple[str, int]] = field(default_factory=list)
    regex: list[re.Pattern[str]] = field(default_factory=list)
    fold_regex: list[re.Pattern[str]] = field(default_factory=list)
    detectors: list[Detector] = field(default_factory=list)
    tokens: list[TokenSequence] = field(default_factory=list)
    _raw_terms: re.Pattern[str] | None = None
    _fold_terms: re.Pattern[str] | None = None
    _folded_ready: bool = False
    _prefilters: tuple = field(default=((), ()), repr=False, compare=False)

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
        if pat.terms:
            pat._raw_terms = re.compile(_alternation(pat.terms))
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
        """Work done once per pattern (and kept in the rule cache): folded terms, prefilters."""
        if self._folded_ready:
            return
        fold = fold or fold_term
        folded = [f for f in (fold(t) for t in self.terms) if f]
        known = set(self.terms)  # a 100,000-term lexicon: a list here made loading quadratic
        new = [f for f in folded if f not in known]
        if new:
            self._fold_terms = re.compile(_alternation(folded))
        self._prefilters = ([_prefilter(rx) for rx in self.regex], [_prefilter(rx) for rx in self.fold_regex])
        self._folded_ready = True

    def possible(self, ctx: LintContext) -> bool:
        """False when this pattern cannot match any sentence of the draft (a cheap whole-draft test)."""
        return self._live(ctx)[0]

    def _live(self, ctx: LintContext) -> tuple:
        """(possible, raw terms, regexes, fold terms, fold regexes, token sequences) that may
        match somewhere in the draft; the parts that cannot are left out of ``spans``.

        The answer is kept in the lint context, so it lives exactly as long as the lint of
        the draft: a long-running server keeps nothing of a draft once it has answered."""
        key = ("pattern-live", id(self))
        known = ctx.memo.get(key)
        if known is not None and known[0] is self:
            return known[1]
        assert self._folded_ready, "Pattern.prepare() runs before linting (Matcher.prepare)"
        doc = ctx.doc
        pre_regex, pre_fold_regex = self._prefilters
        raw = self._raw_terms is not None and self._raw_terms.search(doc.sentence_texts) is not None
        regex = [rx for rx, pre in zip(self.regex, pre_regex) if _may_match(pre, doc.sentence_texts)]
        fold = self._fold_terms is not None and self._fold_terms.search(doc.folded_texts) is not None
        fold_regex = [rx for rx, pre in zip(self.fold_regex, pre_fold_regex) if _may_match(pre, doc.folded_texts)]
        tokens = [seq for seq in self.tokens if seq.possible(doc.token_words)]
        possible = bool(raw or regex or fold or fold_regex or tokens or self.detectors)
        live = (possible, raw, regex, fold, fold_regex, tokens)
        ctx.memo[key] = (self, live)
        return live

    def spans(self, sentence: Sentence, ctx: LintContext) -> Iterator[tuple[int, int]]:
        """Document spans where this pattern matches inside ``sentence``."""
        possible, raw, regexes, fold, fold_regexes, sequences = self._live(ctx)
        if not possible:
            return
        text = sentence.text
        if raw:
            for m in self._raw_terms.finditer(text):  # type: ignore[union-attr]
                yield sentence.span(*m.span())
        for rx in regexes:
            for m in rx.finditer(text):
                yield sentence.span(*m.span())
        if fold or fold_regexes:
            folded = sentence.folded
            if fold:
                for m in self._fold_terms.finditer(folded.text):  # type: ignore[union-attr]
                    yield folded.span(*m.span())
            for rx in fold_regexes:
                for m in rx.finditer(folded.text):
                    yield folded.span(*m.span())
        for detector in self.detectors:
            # Detectors are pure and several rules run the same one: keep its spans.
            key = ("detector", detector, id(sentence))
            known = ctx.memo.get(key)
            if known is None or known[0] is not sentence:
                known = ctx.memo[key] = (sentence, list(detector(sentence)))
            yield from known[1]
        for seq in sequences:
            yield from seq.spans(sentence.tokens)

    def search_text(self, text: str) -> bool:
        """Whether the raw terms or regexes match ``text`` (a label, not a sentence)."""
        if self._raw_terms is not None and self._raw_terms.search(text):
            return True
        return any(rx.search(text) for rx in self.regex)

    def first(self, sentence: Sentence, ctx: LintContext) -> tuple[int, int] | None:
        return next(self.spans(sentence, ctx), None)

    def matches(self, sentence: Sentence, ctx: LintContext) -> bool:
        # Filters ask the same pattern about the same sentence many times (a heading for
        # every sentence under it): remember the answer for this draft.
        key = ("pattern-matches", id(self), id(sentence))
        known = ctx.memo.get(key)
        if known is not None and known[0] is sentence:
            return known[1]
        found = self.first(sentence, ctx) is not None
        ctx.memo[key] = (sentence, found)
        return found


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and drop spans contained in, or overlapping, an earlier one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out
