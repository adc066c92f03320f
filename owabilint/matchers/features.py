"""What a draft offers every pattern, worked out once per lint and shared by all rules.

Many rules ask the same questions of the same sentences: which sentences hold the word
けど, where the dates, counts and phone numbers are. Each answer is computed once for
the whole draft, kept in the lint context (so nothing outlives the lint), and tells a
pattern the only sentences it can match in: a rule then visits those and skips its
sentence filter everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from owabilint.matchers.detectors import MAY_FIND

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Sentence
    from owabilint.matchers.base import LintContext

Detector = Callable[["Sentence"], Iterator[tuple[int, int]]]
SentenceSpans = dict[int, list[tuple[int, int]]]  # sentence index → document spans


def word_sentences(ctx: LintContext) -> list[frozenset[str]]:
    """Surface, dictionary and normalized forms of the tokens of each sentence, in order."""
    known = ctx.memo.get("word-sentences")
    if known is not None and known[0] is ctx.doc:
        return known[1]
    words = []
    for sentence in ctx.doc.sentences:
        tokens = sentence.tokens
        words.append(
            frozenset([t.surface for t in tokens] + [t.dictionary for t in tokens] + [t.normalized for t in tokens])
        )
    ctx.memo["word-sentences"] = (ctx.doc, words)
    return words


def detector_spans(ctx: LintContext, detector: Detector) -> SentenceSpans:
    """Where ``detector`` finds something in the draft, by sentence (detectors are pure, and
    several rules run the same one)."""
    key = ("detector", detector)
    known = ctx.memo.get(key)
    if known is not None and known[0] is ctx.doc:
        return known[1]
    may_find = MAY_FIND.get(detector)
    spans: SentenceSpans = {}
    for sentence in ctx.doc.sentences:
        if may_find is not None and not may_find(sentence):
            continue
        found = list(detector(sentence))
        if found:
            spans[sentence.index] = found
    ctx.memo[key] = (ctx.doc, spans)
    return spans
