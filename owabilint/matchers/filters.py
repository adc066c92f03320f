"""Which sentences and spans a pattern entry looks at: sentence filters and entries."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError
from owabilint.matchers.base import (
    SENTENCE_KINDS,
    SKIP_CONTEXTS,
    LintContext,
    Part,
    optional_patterns,
    pattern_from,
    regex_list,
    take,
)
from owabilint.matchers.patterns import PATTERN_KEYS, Pattern
from owabilint.suggest import did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence

# Where a clause ends inside a sentence: "…が、", "…ものの、", "…ておらず、", "、なお…".
# A parenthetical is a clause of its own: "メールアドレス（住所は含まれておりません）".
_CLAUSE_END = re.compile(
    r"(?:が|ものの|けれど(?:も)?|ず|ながら|一方|(?:のみ|だけ)(?:で|であり))、|、(?=なお|ただし|また)|[。．；;（）()]"
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end (in ``text``) of the clause that holds ``text[start:end]``."""
    begin, stop = 0, len(text)
    for m in _CLAUSE_END.finditer(text):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            stop = m.end()  # the clause keeps its ending ("…ておらず、")
            break
    return begin, stop


class SentenceFilter:
    """Which sentences and spans a pattern entry looks at.

    Keys (all optional, combined with AND):
    ``kinds``   sentence kinds to look at (default: all);
    ``skip``    spans to ignore: inside 「quotes」, URLs, e-mail addresses;
    ``context`` patterns that must all match in the same sentence;
    ``topic``   patterns that must each match the sentence or the heading it sits under;
    ``section`` patterns that must all match the heading the sentence sits under;
    ``outline`` patterns (terms, regex) that must all match the label of the outline
                section the sentence is written under (see owabilint/document/outline.py: also
                「• 発生原因」 lines, 【概要】 openings and 原因：… fields);
    ``unless``  patterns none of which may match the sentence;
    ``unless_outline`` patterns (terms, regex) none of which may match a label the
                sentence is written under (an impact word inside the 原因 section is
                part of the cause, not the impact);
    ``unless_context`` patterns none of which may match the heading or the lead
                sentence (a list under "流出していない情報" is not about what leaked);
    ``unless_clause`` regexes none of which may match the clause holding the match
                (a negation such as 含まれておりません);
    ``unless_before`` regexes none of which may match the sentence text before the match
                (``search``; anchor them with ``$``: "不手際" right before "により");
    ``unless_after`` regexes none of which may match the sentence text after the match
                (``match``: 不可抗力ではなく is not a disclaimer);
    ``first_lines`` / ``last_lines``: the sentence starts within the first / last N
                non-blank lines of the document;
    ``near``    a pattern spec plus ``lines``: the pattern must match a sentence that
                starts within that many lines of this one (hours next to a phone number).

    ``topic`` is read from the sentence, its heading, its lead sentence (the
    sentence that introduces a list, or the one before it in the same paragraph) and
    the label of its outline section.
    """

    KEYS = (
        "kinds",
        "skip",
        "context",
        "topic",
        "section",
        "outline",
        "unless",
        "unless_context",
        "unless_outline",
        "unless_clause",
        "unless_before",
        "unless_after",
        "first_lines",
        "last_lines",
        "near",
    )

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        kinds = take(params, "kinds", list, where, list(SENTENCE_KINDS))
        bad = [k for k in kinds if k not in SENTENCE_KINDS]
        if bad:
            raise RuleError(f"{where}.kinds: 不明な文の種類 {bad[0]!r} です（{', '.join(SENTENCE_KINDS)}）")
        self.kinds = frozenset(kinds)
        skip = take(params, "skip", list, where, [])
        bad = [k for k in skip if k not in SKIP_CONTEXTS]
        if bad:
            raise RuleError(f"{where}.skip: 不明な文脈 {bad[0]!r} です（{', '.join(SKIP_CONTEXTS)}）")
        self.skip = frozenset(skip)
        self.context = optional_patterns(params.get("context"), f"{where}.context", lexicons)
        self.topic = optional_patterns(params.get("topic"), f"{where}.topic", lexicons)
        self.section = optional_patterns(params.get("section"), f"{where}.section", lexicons)
        self.outline = optional_patterns(params.get("outline"), f"{where}.outline", lexicons)
        self.unless = optional_patterns(params.get("unless"), f"{where}.unless", lexicons)
        self.unless_context = optional_patterns(params.get("unless_context"), f"{where}.unless_context", lexicons)
        self.unless_outline = optional_patterns(params.get("unless_outline"), f"{where}.unless_outline", lexicons)
        self.unless_clause = regex_list(params.get("unless_clause"), f"{where}.unless_clause", lexicons)
        self.unless_before = regex_list(params.get("unless_before"), f"{where}.unless_before", lexicons)
        self.unless_after = regex_list(params.get("unless_after"), f"{where}.unless_after", lexicons)
        self.first_lines = take(params, "first_lines", int, where)
        self.last_lines = take(params, "last_lines", int, where)
        near = take(params, "near", dict, where)
        self.near: Pattern | None = None
        self.near_lines = 0
        if near is not None:
            near = dict(near)
            self.near_lines = take(near, "lines", int, f"{where}.near", 3)
            near.pop("lines", None)
            self.near = pattern_from(near, f"{where}.near", lexicons)

    def accepts(self, sentence: Sentence, ctx: LintContext) -> bool:
        if sentence.role not in self.kinds:
            return False
        if not self._in_position(sentence):
            return False
        if self.context and not all(p.matches(sentence, ctx) for p in self.context):
            return False
        heading = sentence.heading
        if self.section and (heading is None or not all(p.matches(heading, ctx) for p in self.section)):
            return False
        if self.outline:
            from owabilint.document.outline import label_of

            label = label_of(sentence)
            if label is None or not all(any(p.search_text(lab.text) for lab in label.chain) for p in self.outline):
                return False
        if self.unless and any(p.matches(sentence, ctx) for p in self.unless):
            return False
        if self.unless_outline:
            from owabilint.document.outline import label_of

            label = label_of(sentence)
            if label is not None and any(p.search_text(lab.text) for lab in label.chain for p in self.unless_outline):
                return False
        if self.unless_context and any(
            p.matches(s, ctx) for s in sentence.context_sentences for p in self.unless_context
        ):
            return False
        # The topic is read from the sentence, its heading, its lead and its label: the
        # costliest condition, asked once the cheaper ones have passed.
        if self.topic and not all(_on_topic(p, sentence, ctx) for p in self.topic):
            return False
        return self.near is None or self._near(sentence, ctx)

    def parts(self, prefix: str) -> list[Part]:
        """The filter's patterns and regex lists, keyed under ``prefix`` (see Matcher.parts)."""
        out: list[Part] = []
        lists = {
            "context": self.context,
            "topic": self.topic,
            "section": self.section,
            "outline": self.outline,
            "unless": self.unless,
            "unless_context": self.unless_context,
            "unless_outline": self.unless_outline,
        }
        for key, patterns in lists.items():
            out += [(f"{prefix}{key}[{i}]", p) for i, p in enumerate(patterns)]
        if self.near is not None:
            out.append((f"{prefix}near", self.near))
        out.append((f"{prefix}unless_clause", self.unless_clause))
        out.append((f"{prefix}unless_before", self.unless_before))
        out.append((f"{prefix}unless_after", self.unless_after))
        return out

    def _in_position(self, sentence: Sentence) -> bool:
        if self.first_lines is None and self.last_lines is None:
            return True
        assert sentence._doc is not None
        lines = sentence._doc.content_lines
        if (
            self.first_lines is not None
            and lines[: self.first_lines]
            and sentence.line <= lines[: self.first_lines][-1]
        ):
            return True
        return bool(
            self.last_lines is not None and lines[-self.last_lines :] and sentence.line >= lines[-self.last_lines :][0]
        )

    def _near(self, sentence: Sentence, ctx: LintContext) -> bool:
        doc = ctx.doc
        near = self.near
        assert near is not None
        key = ("near", id(self))
        known = ctx.memo.get(key)
        if known is None or known[0] is not self:
            known = ctx.memo[key] = (self, [s.line for s in near.sentences(ctx) if near.matches(s, ctx)])
        lines = known[1]
        first, last = sentence.line, doc.position(sentence.end)[0]
        return any(first - self.near_lines <= ln <= last + self.near_lines for ln in lines)

    def keeps_match(self, sentence: Sentence, start: int, end: int) -> bool:
        """Whether a match at document span [start, end) of ``sentence`` counts."""
        assert sentence._doc is not None
        if not self.keeps_span(sentence._doc, start, end):
            return False
        if not (self.unless_clause or self.unless_before or self.unless_after):
            return True
        offsets = sentence.offsets
        i = bisect.bisect_left(offsets, start)
        j = bisect.bisect_left(offsets, end)
        text = sentence.text
        if self.unless_clause:
            begin, stop = clause_bounds(text, i, j)
            if any(rx.search(text[begin:stop]) for rx in self.unless_clause):
                return False
        if any(rx.search(text[:i]) for rx in self.unless_before):
            return False
        return not any(rx.match(text[j:]) for rx in self.unless_after)

    def keeps_span(self, doc: Document, start: int, end: int) -> bool:
        if "quote" in self.skip and doc.in_quote(start, end):
            return False
        if "url" in self.skip and doc.in_spans(doc.url_spans, start, end):
            return False
        return not ("email" in self.skip and doc.in_spans(doc.email_spans, start, end))


_BRACKETED = re.compile(r"「[^「」]*」")


def _on_topic(pattern: Pattern, sentence: Sentence, ctx: LintContext) -> bool:
    """Whether ``pattern`` matches the sentence, its heading, its lead sentence or the label
    of its outline section (outside quotes). Several entries share one topic: the answer
    is kept for the draft."""
    owner = pattern.canonical
    key = ("topic", id(owner))
    known = ctx.memo.get(key)
    if known is None or known[0] is not owner:
        known = ctx.memo[key] = (owner, {})
    answers: dict[int, bool] = known[1]  # by sentence index
    found = answers.get(sentence.index)
    if found is None:
        from owabilint.document.outline import label_of

        found = any(_outside_quotes(pattern, s, ctx) for s in (sentence, *sentence.context_sentences))
        if not found:
            label = label_of(sentence)
            found = label is not None and any(pattern.search_text(lab.text) for lab in label.chain)
        answers[sentence.index] = found
    return found


def _outside_quotes(pattern: Pattern, sentence: Sentence, ctx: LintContext) -> bool:
    """Whether ``pattern`` matches ``sentence`` other than inside 「…」: a quotation or
    a bracketed name (「物価高騰対策事業」 does not make a sentence about prevention)."""
    if not pattern.matches(sentence, ctx):
        return False
    if "「" not in sentence.text:
        return True
    brackets = [sentence.span(*m.span()) for m in _BRACKETED.finditer(sentence.text)]
    return any(not any(bs <= start and end <= be for bs, be in brackets) for start, end in pattern.spans(sentence, ctx))


class PatternEntry:
    """One ``[[matcher.…]]`` table: a pattern spec, a sentence filter, and the entry's
    own keys (``EXTRA_KEYS``, read by ``configure``). Unknown keys are refused."""

    EXTRA_KEYS: frozenset[str] = frozenset()

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        known_keys = {*PATTERN_KEYS, *SentenceFilter.KEYS, *self.EXTRA_KEYS}
        unknown = set(params) - known_keys
        if unknown:
            key = min(unknown)
            raise RuleError(f"{where}: 不明なキー {key!r} です{did_you_mean(key, sorted(known_keys))}")
        self.pattern = pattern_from(params, where, lexicons)
        self.filter = SentenceFilter(params, where, lexicons)
        self.configure(params, where, lexicons)

    def configure(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        """Read the entry's own keys."""

    def parts(self, prefix: str) -> list[Part]:
        """The entry's pattern, its filter's and its own (``own_parts``), keyed under ``prefix``."""
        return [(prefix, self.pattern), *self.filter.parts(f"{prefix}."), *self.own_parts(f"{prefix}.")]

    def own_parts(self, prefix: str) -> list[Part]:
        """Patterns and regex lists of the entry's own keys."""
        return []
