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
- ``suggest``: pairs ``[regex, replacement]`` tried in order on the word at fault; the
  first that matches gives ``{suggestion}`` (漏れてた → 漏れていた).

A ``message`` may name what the writer wrote: ``{match}`` is the matched text, ``{word}``
the word it belongs to (a casual auxiliary with its verb and the auxiliaries after it:
て → 漏れてた), ``{suggestion}`` the word rewritten by ``suggest``.

The sentence filter's ``unless_before`` / ``unless_after`` (regexes tried on the
sentence text just before the match, ``search``, anchor them with ``$``, and just after
it, ``match``) are how a rule says "not when negated" (不可抗力ではなく) or "not after
this word".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError
from owabilint.matchers.base import Finding, LintContext, Matcher, Part, regex_list, take
from owabilint.matchers.filters import PatternEntry
from owabilint.matchers.patterns import merge_spans

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence

_PLACEHOLDERS = ("{match}", "{word}", "{suggestion}")
# Tokens that belong to the word before them (auxiliaries, conjunctive て/で) and the
# tokens a word may start with (a verb, an adjective, a サ変 noun before する).
_ATTACHED = ("助動詞", "接尾辞")
_HEADS = ("動詞", "形容詞", "形状詞")


class _Entry(PatternEntry):
    EXTRA_KEYS = frozenset({"message", "fix", "fix_if_after", "allow", "allow_whole_line", "suggest"})

    def configure(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.message = take(params, "message", str, where)
        self.fix = take(params, "fix", str, where)
        self.fix_if_after = regex_list(params.get("fix_if_after"), f"{where}.fix_if_after")
        self.allow = regex_list(params.get("allow"), f"{where}.allow")
        self.allow_whole_line = take(params, "allow_whole_line", bool, where, False)
        self.suggest: list[tuple[re.Pattern[str], str]] = []
        for i, pair in enumerate(take(params, "suggest", list, where, [])):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise RuleError(f"{where}.suggest[{i}]: expected [regex, replacement]")
            self.suggest.append((regex_list(pair[0], f"{where}.suggest[{i}]")[0], pair[1]))
        self.names_text = self.message is not None and any(p in self.message for p in _PLACEHOLDERS)

    def own_parts(self, prefix: str) -> list[Part]:
        return [
            (f"{prefix}fix_if_after", self.fix_if_after),
            (f"{prefix}allow", self.allow),
            (f"{prefix}suggest", [rx for rx, _ in self.suggest]),
        ]

    def message_for(self, sentence: Sentence, start: int, end: int) -> str | None:
        """The entry's message with the writer's own words filled in."""
        if not self.names_text or self.message is None:
            return self.message
        doc = sentence._doc
        assert doc is not None
        matched = doc.text[start:end]
        word_start, word_end = _word_span(sentence, start, end)
        word = doc.text[word_start:word_end]
        suggestion = next((s for s in (_substitute(rx, repl, word) for rx, repl in self.suggest) if s is not None), "")
        return self.message.replace("{match}", matched).replace("{word}", word).replace("{suggestion}", suggestion)


_GROUP_REF = re.compile(r"\\([1-9])")


def _substitute(rx: re.Pattern[str], replacement: str, word: str) -> str | None:
    """``word`` with the first match of ``rx`` replaced (``\\1``… name groups), or None.

    Done by hand from the match's span, the same for ``re`` and RE2 patterns."""
    m = rx.search(word)
    if m is None:
        return None
    filled = _GROUP_REF.sub(lambda g: m.group(int(g.group(1))) or "", replacement)
    return word[: m.start()] + filled + word[m.end() :]


def _word_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The span of the word a match belongs to: an auxiliary grows to its verb and the
    auxiliaries after it (て → 漏れてた); any other match is its own word."""
    tokens = sentence.tokens
    inside = [i for i, t in enumerate(tokens) if t.begin < end and start < t.end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    if tokens[first].pos[0] in _ATTACHED or tokens[first].surface in ("て", "で"):
        while first > 0 and tokens[first - 1].pos[0] in (*_ATTACHED, *_HEADS):
            first -= 1
            if tokens[first].pos[0] in _HEADS:
                break
        # A compound verb (取り|違え) or a サ変 noun with する (送信|し) is one word.
        while first > 0 and tokens[first].pos[0] == "動詞":
            before = tokens[first - 1]
            compound = before.pos[0] == "動詞" and before.pos[5].startswith("連用形")
            suru = tokens[first].dictionary in ("する", "為る") and before.pos[:3] == ("名詞", "普通名詞", "サ変可能")
            if not (compound or suru):
                break
            first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].pos[0] in _ATTACHED:
        last += 1
    return min(start, tokens[first].begin), max(end, tokens[last].end)


class PhraseMatcher(Matcher):
    kind = "phrase"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        entries = take(params, "patterns", list, where)
        if not entries:
            raise RuleError(f"{where}.patterns: phrase には [[matcher.patterns]] が 1 つ以上必要です")
        self.entries = [_Entry(e, f"{where}.patterns[{i}]", lexicons) for i, e in enumerate(entries)]

    @property
    def fixable(self) -> bool:
        return any(entry.fix is not None for entry in self.entries)

    def parts(self) -> list[Part]:
        return [part for i, entry in enumerate(self.entries) for part in entry.parts(f"patterns[{i}]")]

    def extend(
        self, entries: list[dict[str, Any]], allow: list[Any], where: str, lexicons: dict[str, list[str]]
    ) -> None:
        """Append ``entries`` (same keys as ``[[matcher.patterns]]``), then let every entry
        allow the matches ``allow`` fully matches (company slot styles, bracket labels)."""
        self.entries += [_Entry(e, where, lexicons) for e in entries]
        for entry in self.entries:
            entry.allow.extend(allow)
        self._prepared = False  # the new entries' patterns are not prepared yet

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        doc = ctx.doc
        candidates: list[tuple[int, int, int, _Entry, Sentence]] = []
        for rank, entry in enumerate(self.entries):
            # Only the sentences the pattern can match in, and its own (kept) answer for
            # the sentence before the sentence filter, which costs more.
            for sentence in entry.pattern.sentences(ctx):
                if not entry.pattern.matches(sentence, ctx) or not entry.filter.accepts(sentence, ctx):
                    continue
                for start, end in merge_spans(list(entry.pattern.spans(sentence, ctx))):
                    if not entry.filter.keeps_match(sentence, start, end):
                        continue
                    matched = doc.text[start:end]
                    if any(rx.fullmatch(matched) for rx in entry.allow):
                        continue
                    if entry.allow_whole_line and _whole_line(doc, start, end):
                        continue
                    candidates.append((start, rank, end, entry, sentence))
        findings: list[Finding] = []
        for start, _rank, end, entry, sentence in sorted(candidates, key=lambda c: (c[0], c[1], -c[2])):
            if findings and start < findings[-1].end:
                continue  # overlapping text is reported once, by the first entry
            findings.append(Finding(start, end, entry.message_for(sentence, start, end), _fix_for(entry, ctx, end)))
        return findings


def _fix_for(entry: _Entry, ctx: LintContext, end: int) -> str | None:
    if entry.fix is None or not entry.fix_if_after:
        return entry.fix
    written = ctx.written or ctx.doc.text
    return entry.fix if any(rx.match(written, end) for rx in entry.fix_if_after) else None


def _whole_line(doc, start: int, end: int) -> bool:
    line, _ = doc.position(start)
    return doc.line_text(line).strip() == doc.text[start:end].strip()
