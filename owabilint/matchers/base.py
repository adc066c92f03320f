"""What every matcher shares: findings, sentence filters and the lint context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError
from owabilint.matchers.patterns import PATTERN_KEYS, Pattern

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence

SENTENCE_KINDS = ("subject", "heading", "list", "field", "plain")
SKIP_CONTEXTS = ("quote", "url", "email")


@dataclass(slots=True)
class Finding:
    start: int
    end: int
    message: str | None = None  # overrides the rule's message
    fix: str | None = None  # replacement text for [start, end)


@dataclass(slots=True)
class Evidence:
    """Where a required element was found (for the checklist)."""

    start: int
    end: int


@dataclass
class LintContext:
    """Per-document state shared by the rules of one run."""

    doc: Document
    placeholders: list[tuple[int, int]] = field(default_factory=list)
    evidence: dict[str, Evidence | None] = field(default_factory=dict)

    def overlaps_placeholder(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.placeholders)


class Matcher:
    """Base class. ``kind`` is the name rule files use in ``[matcher] kind = ...``."""

    kind = ""
    checklist = False  # True for matchers that report a required element
    option_keys: tuple[str, ...] = ()

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.where = where

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        raise NotImplementedError

    def evidence(self, ctx: LintContext, options: dict[str, Any]) -> Evidence | None:
        return None


# ---------------------------------------------------------------- helpers for params
def take(params: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = None) -> Any:
    value = params.get(key, default)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleError(f"{where}.{key}: expected {names}, got {type(value).__name__}")
    return value


def pattern_from(params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> Pattern:
    spec = {k: params[k] for k in PATTERN_KEYS if k in params}
    pat = Pattern.from_spec(spec, where, lexicons)
    if pat.empty:
        raise RuleError(f"{where}: needs at least one of {', '.join(PATTERN_KEYS)}")
    return pat


def optional_patterns(value: Any, where: str, lexicons: dict[str, list[str]]) -> list[Pattern]:
    """A pattern spec or a list of specs that must all match (None → no condition)."""
    if value is None:
        return []
    specs = value if isinstance(value, list) and value and isinstance(value[0], dict) else [value]
    return [Pattern.from_spec(s, f"{where}[{i}]", lexicons) for i, s in enumerate(specs)]


def regex_list(value: Any, where: str) -> list[re.Pattern[str]]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: expected a list of regular expressions")
    out = []
    for source in value:
        try:
            out.append(re.compile(source))
        except re.error as exc:
            raise RuleError(f"{where}: invalid regular expression {source!r}: {exc}") from None
    return out


class SentenceFilter:
    """Which sentences and spans a pattern entry looks at.

    Keys (all optional, combined with AND):
    ``kinds``   sentence kinds to look at (default: all);
    ``skip``    spans to ignore: inside 「quotes」, URLs, e-mail addresses;
    ``context`` patterns that must all match in the same sentence;
    ``topic``   patterns that must each match the sentence or the heading it sits under;
    ``section`` patterns that must all match the heading the sentence sits under;
    ``unless``  patterns none of which may match the sentence.
    """

    KEYS = ("kinds", "skip", "context", "topic", "section", "unless")

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        kinds = take(params, "kinds", list, where, list(SENTENCE_KINDS))
        bad = [k for k in kinds if k not in SENTENCE_KINDS]
        if bad:
            raise RuleError(f"{where}.kinds: unknown sentence kind {bad[0]!r} (known: {', '.join(SENTENCE_KINDS)})")
        self.kinds = frozenset(kinds)
        skip = take(params, "skip", list, where, [])
        bad = [k for k in skip if k not in SKIP_CONTEXTS]
        if bad:
            raise RuleError(f"{where}.skip: unknown context {bad[0]!r} (known: {', '.join(SKIP_CONTEXTS)})")
        self.skip = frozenset(skip)
        self.context = optional_patterns(params.get("context"), f"{where}.context", lexicons)
        self.topic = optional_patterns(params.get("topic"), f"{where}.topic", lexicons)
        self.section = optional_patterns(params.get("section"), f"{where}.section", lexicons)
        self.unless = optional_patterns(params.get("unless"), f"{where}.unless", lexicons)

    def accepts(self, sentence: Sentence) -> bool:
        if sentence.kind not in self.kinds:
            return False
        if self.context and not all(p.matches(sentence) for p in self.context):
            return False
        heading = sentence.heading
        if self.section and (heading is None or not all(p.matches(heading) for p in self.section)):
            return False
        for p in self.topic:
            if not (p.matches(sentence) or (heading is not None and p.matches(heading))):
                return False
        return not (self.unless and any(p.matches(sentence) for p in self.unless))

    def keeps_span(self, doc: Document, start: int, end: int) -> bool:
        if "quote" in self.skip and doc.in_quote(start, end):
            return False
        if "url" in self.skip and doc.in_spans(doc.url_spans, start, end):
            return False
        if "email" in self.skip and doc.in_spans(doc.email_spans, start, end):
            return False
        return True
