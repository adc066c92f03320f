"""``phrase``: report every occurrence of a pattern (one finding per occurrence).

Rule files list one or more ``[[matcher.patterns]]`` entries. Each entry is a pattern
spec (see patterns.py) plus a sentence filter (see base.SentenceFilter) and:

- ``message``: a message for this entry instead of the rule's;
- ``fix``: replacement text for the matched span (a safe mechanical fix);
- ``fix_if_after``: regexes tried (``match``) on the text as written right after the
  match; the fix is offered only when one matches (「！」 becomes 「。」 only where it
  ends a sentence at the end of a line, not in 「こちら！をご覧ください」 or in Markdown
  link text, whose ``]`` the masked prose hides);
- ``allow``: regexes; a match whose text fully matches one of them is not reported;
- ``allow_whole_line``: a match that is all there is on its line is not reported
  (section headings such as 【お問い合わせ窓口】);

The sentence filter's ``unless_before`` / ``unless_after`` (regexes tried on the
sentence text just before the match, ``search``, anchor them with ``$``, and just after
it, ``match``) are how a rule says "not when negated" (不可抗力ではなく) or "not after
this word".
"""

from __future__ import annotations

from typing import Any

from owabilint.errors import RuleError
from owabilint.matchers.base import Finding, LintContext, Matcher, PatternEntry, regex_list, take
from owabilint.matchers.patterns import merge_spans


class _Entry(PatternEntry):
    EXTRA_KEYS = frozenset({"message", "fix", "fix_if_after", "allow", "allow_whole_line"})

    def configure(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.message = take(params, "message", str, where)
        self.fix = take(params, "fix", str, where)
        self.fix_if_after = regex_list(params.get("fix_if_after"), f"{where}.fix_if_after")
        self.allow = regex_list(params.get("allow"), f"{where}.allow")
        self.allow_whole_line = take(params, "allow_whole_line", bool, where, False)


class PhraseMatcher(Matcher):
    kind = "phrase"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        entries = take(params, "patterns", list, where)
        if not entries:
            raise RuleError(f"{where}.patterns: phrase には [[matcher.patterns]] が 1 つ以上必要です")
        self.entries = [_Entry(e, f"{where}.patterns[{i}]", lexicons) for i, e in enumerate(entries)]

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        doc = ctx.doc
        candidates: list[tuple[int, int, int, _Entry]] = []
        for rank, entry in enumerate(self.entries):
            if not entry.pattern.possible(doc):
                continue
            for sentence in doc.sentences:
                if not entry.filter.accepts(sentence):
                    continue
                for start, end in merge_spans(list(entry.pattern.spans(sentence))):
                    if not entry.filter.keeps_match(sentence, start, end):
                        continue
                    matched = doc.text[start:end]
                    if any(rx.fullmatch(matched) for rx in entry.allow):
                        continue
                    if entry.allow_whole_line and _whole_line(doc, start, end):
                        continue
                    candidates.append((start, rank, end, entry))
        findings: list[Finding] = []
        for start, _rank, end, entry in sorted(candidates, key=lambda c: (c[0], c[1], -c[2])):
            if findings and start < findings[-1].end:
                continue  # overlapping text is reported once, by the first entry
            findings.append(Finding(start, end, entry.message, _fix_for(entry, ctx, end)))
        return findings


def _fix_for(entry: _Entry, ctx: LintContext, end: int) -> str | None:
    if entry.fix is None or not entry.fix_if_after:
        return entry.fix
    written = ctx.written or ctx.doc.text
    return entry.fix if any(rx.match(written, end) for rx in entry.fix_if_after) else None


def _whole_line(doc, start: int, end: int) -> bool:
    line, _ = doc.position(start)
    return doc.line_text(line).strip() == doc.text[start:end].strip()
