"""What every matcher shares: the matcher contract, findings and the lint context."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from owabilint.errors import RuleError
from owabilint.matchers.patterns import PATTERN_KEYS, Pattern, PatternTerms
from owabilint.matchers.regex import compile_regex

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document

SENTENCE_KINDS = ("subject", "heading", "list", "field", "plain")
SKIP_CONTEXTS = ("quote", "url", "email")


@dataclass(slots=True)
class Finding:
    start: int
    end: int
    message: str | None = None  # overrides the rule's message
    fix: str | None = None  # replacement text for [start, end)
    severity: str | None = None  # overrides the rule's default severity (not the user's choice)
    cap: str | None = None  # the highest severity this finding may have (weak evidence → info)
    related: tuple[tuple[int, int], ...] = ()  # other places of the same gap


@dataclass(slots=True)
class Evidence:
    """Where a required element was found (for the checklist)."""

    start: int
    end: int


@dataclass(eq=False)
class LintContext:
    """Everything one lint of one draft knows: the document, and what the rules found or
    remembered about it. Created per draft (engine.lint_document) and dropped with it, so
    that loaded rules keep no trace of the drafts they have read."""

    doc: Document
    placeholders: list[tuple[int, int]] = field(default_factory=list)
    evidence: dict[str, Evidence | None] = field(default_factory=dict)
    written: str = ""  # the text as written when doc.text is masked prose (Markdown); same length
    # Answers rule objects (patterns, filters) computed for this draft, keyed by the object's
    # id; each value keeps the object it belongs to, so an id is never read for another.
    memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def overlaps_placeholder(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.placeholders)


Part = tuple[str, "Pattern | list[Any]"]  # (key in the [matcher] table, a pattern or a regex list)


class Matcher:
    """A matcher kind: what the engine, the rule catalogue and the configuration read.

    The contract (every kind has all of it; defaults below):

    - ``kind``: the name rule files use in ``[matcher] kind = ...``;
    - ``checklist``: True when the rule reports a required element (``evidence`` then
      says where the draft has it, ``find`` reports its absence);
    - ``element``: the checklist label (お詫び, 日時 …), "" for other kinds;
    - ``order``: the element's position in the checklist and the catalogue;
    - ``requires``: the id of another checklist rule that must be satisfied before this
      one is checked (reception hours only matter once there is a contact), or None;
    - ``option_keys``: the options the kind reads beyond the rule's own ``options``;
    - ``fixable``: whether some finding may carry a safe mechanical fix;
    - ``patterns()``: every term and regex the matcher searches, by where it is written;
    - ``prepare()``: the work done once before the first draft (folding terms);
    - ``extend()``: more entries from the configuration (only kinds that have entries);
    - ``find()`` / ``evidence()``: the findings for one draft, read from the lint context.

    After ``prepare()`` a matcher is never changed by linting: what it learns about a
    draft is kept in the LintContext.
    """

    kind: ClassVar[str] = ""
    checklist: ClassVar[bool] = False
    element: str = ""
    order: int = 100
    requires: str | None = None
    option_keys: tuple[str, ...] = ()
    # Whether prepare() has run since the matcher was built or extended: the engine asks
    # before every draft, so a prepared matcher must answer without walking its parts.
    # Not kept in the rule cache: a matcher read from it is walked once more.
    _prepared: bool = False
    _runtime_only: ClassVar[tuple[str, ...]] = ("_prepared",)

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        self.where = where

    @property
    def fixable(self) -> bool:
        return False

    def parts(self) -> list[Part]:
        """Every pattern and regex list of the matcher, with its key in the rule file."""
        return []

    def patterns(self) -> list[PatternTerms]:
        """What the matcher searches: literal strings by lexicon, regexes by key."""
        out = []
        for where, part in self.parts():
            if isinstance(part, Pattern):
                out.append(part.terms_at(where))
            elif part:
                out.append(PatternTerms(where, regexes=tuple(rx.pattern for rx in part)))
        return out

    def prepare(self, fold: Callable[[str], str] | None = None) -> None:
        """Do the work matching would otherwise do at first use; idempotent.

        ``fold`` folds a lexicon term (a run's fold cache); by default through Sudachi.
        """
        if self._prepared:
            return
        for _where, part in self.parts():
            if isinstance(part, Pattern):
                part.prepare(fold)
        self._prepared = True

    def extend(
        self, entries: list[dict[str, Any]], allow: list[Any], where: str, lexicons: dict[str, list[str]]
    ) -> None:
        """Add pattern entries (rule-file keys) and regexes of allowed matches (configuration)."""
        raise RuleError(f"{where}: {self.kind} のルールには項目を追加できません")

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        raise NotImplementedError

    def evidence(self, ctx: LintContext, options: dict[str, Any]) -> Evidence | None:
        return None


# ---------------------------------------------------------------- helpers for params
def take(params: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = None) -> Any:
    value = params.get(key, default)
    if value is not None and not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RuleError(f"{where}.{key}: {names} を指定してください（{type(value).__name__} が指定されています）")
    return value


def pattern_from(params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> Pattern:
    spec = {k: params[k] for k in PATTERN_KEYS if k in params}
    pat = Pattern.from_spec(spec, where, lexicons)
    if pat.empty:
        raise RuleError(f"{where}: {', '.join(PATTERN_KEYS)} のどれかが必要です")
    return pat


def optional_patterns(value: Any, where: str, lexicons: dict[str, list[str]]) -> list[Pattern]:
    """A pattern spec or a list of specs that must all match (None → no condition)."""
    if value is None:
        return []
    specs = value if isinstance(value, list) and value and isinstance(value[0], dict) else [value]
    return [Pattern.from_spec(s, f"{where}[{i}]", lexicons) for i, s in enumerate(specs)]


def regex_list(value: Any, where: str, lexicons: dict[str, list[str]] | None = None) -> list[re.Pattern[str]]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: 正規表現のリストを指定してください")
    return [compile_regex(source, where, lexicons or {}) for source in value]
