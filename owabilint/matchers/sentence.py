"""``sentence-length``: per-sentence length checks (long-sentence)."""

from __future__ import annotations

from typing import Any

from owabilint.document import _URL
from owabilint.errors import RuleError
from owabilint.matchers.base import SENTENCE_KINDS, Finding, LintContext, Matcher, take


class SentenceLengthMatcher(Matcher):
    """A sentence longer than the ``max-chars`` option (URLs do not count towards it)."""

    kind = "sentence-length"
    option_keys = ("max-chars",)

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        kinds = take(params, "kinds", list, where, ["plain", "list"])
        bad = [k for k in kinds if k not in SENTENCE_KINDS]
        if bad:
            raise RuleError(f"{where}.kinds: unknown sentence kind {bad[0]!r}")
        self.kinds = frozenset(kinds)

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        limit = options.get("max-chars", 120)
        findings = []
        for sentence in ctx.doc.sentences:
            if sentence.kind not in self.kinds:
                continue
            text = sentence.text
            length = len(_URL.sub("", text).strip())
            if length > limit:
                findings.append(Finding(sentence.start, sentence.end, None))
        return findings
