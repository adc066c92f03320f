"""``require``: the draft must show evidence of an element; else one finding, well placed.

Rule files give:

- ``element``: the checklist label (お詫び, 日時, ...) and ``order`` (checklist position);
- ``[[matcher.evidence]]``: pattern specs with sentence filters; any match satisfies
  the rule. Evidence inside a template placeholder never counts;
- ``[[matcher.loose]]``: weak evidence (same keys as evidence): the element may be
  there but is not stated plainly. With no strict evidence and some loose evidence the
  rule does not say "missing": it reports once, at the loose evidence, with
  ``loose_message`` at ``loose_severity`` (default info);
- ``[[matcher.anchor]]``: where to point when the element is missing: the vague phrase
  that stands in for it, or the sentence where it belongs. The first anchor entry with
  a match wins, each entry may carry its own ``message``; ``anchor_sentence = true``
  widens the span to the sentence. With ``anchor_all = true`` every match of that entry
  is a place of the same gap: one finding at the first, the others as related places;
- ``fallback``: where to point when no anchor matches: ``first-line`` (default),
  ``first-prose`` (the first plain sentence after the subject) or ``last-line`` (the
  last non-blank line: where a sender block goes);
- ``requires``: another require rule that must be satisfied before this one is checked
  (reception hours only matter once there is a contact).
- ``options``: per-rule switches; ``require-time`` makes date evidence also need a time
  of day in the same sentence.
"""

from __future__ import annotations

from typing import Any

from owabilint.errors import RuleError
from owabilint.matchers.base import Evidence, Finding, LintContext, Matcher, Part, optional_patterns, take
from owabilint.matchers.filters import PatternEntry
from owabilint.matchers.patterns import merge_spans
from owabilint.model import SEVERITIES

_FALLBACKS = ("first-line", "first-prose", "last-line")


class _Evidence(PatternEntry):
    EXTRA_KEYS = frozenset({"also"})

    def configure(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        # ``also``: patterns that must match in the same sentence when an option asks.
        self.also = optional_patterns(params.get("also"), f"{where}.also", lexicons)

    def own_parts(self, prefix: str) -> list[Part]:
        return [(f"{prefix}also[{i}]", p) for i, p in enumerate(self.also)]


class _Anchor(PatternEntry):
    EXTRA_KEYS = frozenset({"message", "anchor_sentence"})

    def configure(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.message = take(params, "message", str, where)
        self.sentence = take(params, "anchor_sentence", bool, where, False)


class RequireMatcher(Matcher):
    kind = "require"
    checklist = True

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.element = take(params, "element", str, where)
        if not self.element:
            raise RuleError(f"{where}.element: require にはチェックリストの項目名が必要です")
        self.order = take(params, "order", int, where, 100)
        evidence = take(params, "evidence", list, where)
        if not evidence:
            raise RuleError(f"{where}.evidence: require には [[matcher.evidence]] が 1 つ以上必要です")
        self.evidence_entries = [_Evidence(e, f"{where}.evidence[{i}]", lexicons) for i, e in enumerate(evidence)]
        self.anchors = [
            _Anchor(a, f"{where}.anchor[{i}]", lexicons) for i, a in enumerate(take(params, "anchor", list, where, []))
        ]
        self.anchor_all = take(params, "anchor_all", bool, where, False)
        self.loose_entries = [
            _Evidence(e, f"{where}.loose[{i}]", lexicons) for i, e in enumerate(take(params, "loose", list, where, []))
        ]
        self.loose_message = take(params, "loose_message", str, where)
        self.loose_severity = take(params, "loose_severity", str, where, "info")
        if self.loose_entries and not self.loose_message:
            raise RuleError(f"{where}.loose_message: loose evidence needs the message said in its place")
        if self.loose_severity not in SEVERITIES:
            raise RuleError(f"{where}.loose_severity: expected error, warning or info, got {self.loose_severity!r}")
        self.fallback = take(params, "fallback", str, where, "first-line")
        if self.fallback not in _FALLBACKS:
            raise RuleError(f"{where}.fallback: {self.fallback!r} は使えません（{' | '.join(_FALLBACKS)}）")
        self.requires = take(params, "requires", str, where)

    def parts(self) -> list[Part]:
        out: list[Part] = []
        for key, entries in (
            ("evidence", self.evidence_entries),
            ("loose", self.loose_entries),
            ("anchor", self.anchors),
        ):
            for i, entry in enumerate(entries):
                out += entry.parts(f"{key}[{i}]")
        return out

    def evidence(self, ctx: LintContext, options: dict[str, Any]) -> Evidence | None:
        return self._search(ctx, self.evidence_entries, bool(options.get("require-time")))

    def _search(self, ctx: LintContext, entries_in: list[_Evidence], need_also: bool = False) -> Evidence | None:
        # The sentences each entry's pattern may match in, visited in document order and,
        # within a sentence, in entry order; the pattern is asked (its answer is kept)
        # before the sentence filter, which costs more.
        visits = sorted(
            (sentence.index, rank, sentence, entry)
            for rank, entry in enumerate(entries_in)
            for sentence in entry.pattern.sentences(ctx)
        )
        for _i, _rank, sentence, entry in visits:
            if not entry.pattern.matches(sentence, ctx) or not entry.filter.accepts(sentence, ctx):
                continue
            for start, end in entry.pattern.spans(sentence, ctx):
                if ctx.overlaps_placeholder(start, end) or not entry.filter.keeps_match(sentence, start, end):
                    continue
                if need_also and entry.also and not all(p.matches(sentence, ctx) for p in entry.also):
                    continue
                return Evidence(start, end)
        return None

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        """Findings for a draft that lacks the element (the engine checks evidence first)."""
        if self.loose_entries:
            weak = self._search(ctx, self.loose_entries)
            if weak is not None:
                sentence = ctx.doc.sentence_at(weak.start)
                start, end = (sentence.start, sentence.end) if sentence else (weak.start, weak.end)
                return [Finding(start, end, self.loose_message, cap=self.loose_severity)]
        return self._anchor(ctx)

    def _anchor(self, ctx: LintContext) -> list[Finding]:
        for anchor in self.anchors:
            found: list[Finding] = []
            for sentence in anchor.pattern.sentences(ctx):
                if not anchor.filter.accepts(sentence, ctx):
                    continue
                for start, end in merge_spans(list(anchor.pattern.spans(sentence, ctx))):
                    if not anchor.filter.keeps_match(sentence, start, end) or ctx.overlaps_placeholder(start, end):
                        continue
                    if anchor.sentence:
                        start, end = sentence.start, sentence.end
                    if any(f.start == start for f in found):
                        continue
                    found.append(Finding(start, end, anchor.message))
                    if not self.anchor_all:
                        return found
            if found:
                first, *others = found
                first.related = tuple((f.start, f.end) for f in others)
                return [first]
        return [self._fallback(ctx)]

    def _fallback(self, ctx: LintContext) -> Finding:
        doc = ctx.doc
        if self.fallback == "first-prose":
            for sentence in doc.sentences:
                if sentence.role == "plain":
                    return Finding(sentence.start, sentence.end)
        if self.fallback == "last-line" and doc.content_lines:
            line = doc.lines[doc.content_lines[-1] - 1]
            text = doc.text[line.start : line.end]
            start = line.start + len(text) - len(text.lstrip())
            return Finding(start, line.start + len(text.rstrip()))
        for sentence in doc.sentences:
            return Finding(
                sentence.start, doc.lines[sentence.line - 1].end if sentence.line <= len(doc.lines) else sentence.end
            )
        return Finding(0, 0)
