"""``sentence-length``: per-sentence length checks (long-sentence).

A sentence is measured without URLs and e-mail addresses (a long link on its own is
not a long sentence) and without surrounding white space. ``message`` may use
``{length}`` and ``{max-chars}``.
"""

from __future__ import annotations

import re
from typing import Any

from owabilint.document.spans import EMAIL, URL
from owabilint.errors import RuleError
from owabilint.matchers.base import SENTENCE_KINDS, Finding, LintContext, Matcher, take

DEFAULT_MAX_CHARS = 120
_NOT_COUNTED = re.compile(f"{URL.pattern}|{EMAIL.pattern}")


def measured_length(text: str) -> int:
    """Characters a reader has to take in: URLs, e-mail addresses and spaces removed."""
    return len(re.sub(r"\s+", "", _NOT_COUNTED.sub("", text)))


class SentenceLengthMatcher(Matcher):
    """A sentence longer than the ``max-chars`` option."""

    kind = "sentence-length"
    option_keys = ("max-chars",)

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        kinds = take(params, "kinds", list, where, ["plain", "list"])
        bad = [k for k in kinds if k not in SENTENCE_KINDS]
        if bad:
            raise RuleError(f"{where}.kinds: 不明な文の種類 {bad[0]!r} です")
        self.kinds = frozenset(kinds)
        self.message = take(params, "message", str, where)

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        limit = options.get("max-chars", DEFAULT_MAX_CHARS)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            limit = DEFAULT_MAX_CHARS
        findings = []
        for sentence in ctx.doc.sentences:
            if sentence.role not in self.kinds:
                continue
            length = measured_length(sentence.text)
            if length > limit:
                message = None
                if self.message:
                    message = self.message.format_map({"length": length, "max-chars": limit})
                findings.append(Finding(sentence.start, sentence.end, message))
        return findings
