"""``style``: sentences whose ending breaks the document's です・ます or だ・である style.

Each sentence of prose gets a style from the parts of speech of its final predicate
(the run of verbs, adjectives and auxiliaries before the closing punctuation):

- polite: the run contains an auxiliary of ``polite_lemmas`` (です, ます) or ends in a
  polite imperative (ください);
- plain: otherwise, when the run ends in a conclusive form (終止形: した。/ である。/
  ない。/ 考える。) or a plain conjecture (だろう。);
- none: nominal endings (体言止め: 以上。/ 対応中。), fragments, quotations.

The majority style of the document wins; each sentence in the minority style is
reported (a tie counts as です・ます, the register of a notice to customers).
Only sentences that end like prose (with 。！？) are judged: a line without one is a
fragment such as a timeline row (4月3日　サーバーを停止した). Headings, list items,
fields, the subject line, the closing sender block, quoted text, notes (※ lines and
remarks wholly in parentheses), the entries under a dated list item
and quoted lines (``>`` mail replies, Markdown block quotes) are never judged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError
from owabilint.matchers.base import SENTENCE_KINDS, Finding, LintContext, Matcher, take

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence
    from owabilint.document.tokenizer import Token

POLITE, PLAIN = "polite", "plain"
_TRAILING = ("補助記号", "空白")
_PREDICATE = ("助動詞", "動詞", "形容詞")
_PLAIN_FORMS = ("終止形", "意志推量形")
_ENDS_LIKE_PROSE = re.compile(r"[。．！？!?][」』）)]*\s*$")
_MESSAGES = {
    POLITE: "文体が混在しています。この文書は主に「です・ます」調です。文末「{ending}」を「です・ます」に揃えてください。",
    PLAIN: "文体が混在しています。この文書は主に「だ・である」調です。文末「{ending}」を「だ・である」に揃えるか、文書全体を「です・ます」調に統一してください。",
}


def _final_predicate(tokens: list[Token]) -> list[Token]:
    """The verbs/adjectives/auxiliaries that end the sentence (before punctuation)."""
    i = len(tokens)
    while i > 0 and (tokens[i - 1].pos[0] in _TRAILING or tokens[i - 1].pos[:2] == ("助詞", "終助詞")):
        i -= 1
    end = i
    while i > 0:
        t = tokens[i - 1]
        if t.pos[0] in _PREDICATE:
            i -= 1
        elif (
            t.pos[:2] in (("助詞", "接続助詞"), ("助詞", "準体助詞"))
            and t.surface in ("て", "で", "ん", "の")
            and i < end
        ):
            i -= 1  # して-いる, し-ておる, た-ん-です
        else:
            break
    return tokens[i:end]


class StyleJudge:
    """Decides the style of one sentence from its final predicate."""

    def __init__(self, polite_lemmas: frozenset[str], polite_imperatives: frozenset[str]) -> None:
        self.polite_lemmas = polite_lemmas
        self.polite_imperatives = polite_imperatives

    def style(self, sentence: Sentence, doc: Document | None = None) -> tuple[str | None, list[Token]]:
        chain = _final_predicate(sentence.tokens)
        if not chain:
            return None, chain
        if doc is not None and doc.in_quote(chain[-1].begin, chain[-1].end):
            return None, chain
        for t in chain:
            if t.pos[0] == "助動詞" and t.dictionary in self.polite_lemmas:
                return POLITE, chain
            if t.dictionary in self.polite_imperatives and t.pos[5].startswith("命令形"):
                return POLITE, chain
        last = chain[-1]
        if last.pos[5].startswith(_PLAIN_FORMS):
            return PLAIN, chain
        return None, chain


class StyleMatcher(Matcher):
    kind = "style"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        kinds = take(params, "kinds", list, where, ["plain"])
        bad = [k for k in kinds if k not in SENTENCE_KINDS]
        if bad:
            raise RuleError(f"{where}.kinds: 不明な文の種類 {bad[0]!r} です")
        self.kinds = frozenset(kinds)
        polite = take(params, "polite_lemmas", list, where, ["です", "ます"])
        imperatives = take(params, "polite_imperatives", list, where, ["くださる", "下さる"])
        self.judge = StyleJudge(frozenset(polite), frozenset(imperatives))

    def judged(self, doc: Document) -> list[tuple[Sentence, str, list[Token]]]:
        out = []
        for sentence in doc.sentences:
            if sentence.role not in self.kinds or doc.in_signature(sentence.start):
                continue
            if doc.line_text(sentence.line).lstrip().startswith((">", "＞")):
                continue  # a quoted e-mail reply or a Markdown block quote
            if not _ENDS_LIKE_PROSE.search(sentence.text):
                continue  # a fragment: a timeline row, a label, a table cell
            if sentence.is_note or sentence.index in doc.listed_timeline_entries:
                continue  # a ※ note, a parenthetical remark, an entry under a dated list item
            style, chain = self.judge.style(sentence, doc)
            if style is not None:
                out.append((sentence, style, chain))
        return out

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        judged = self.judged(ctx.doc)
        polite = sum(1 for _, style, _ in judged if style == POLITE)
        plain = len(judged) - polite
        if not polite or not plain:
            return []
        majority = POLITE if polite >= plain else PLAIN
        findings = []
        for sentence, style, chain in judged:
            if style == majority:
                continue
            ending = ctx.doc.text[chain[0].begin : chain[-1].end]
            findings.append(Finding(sentence.start, sentence.end, _MESSAGES[majority].format(ending=ending)))
        return findings
