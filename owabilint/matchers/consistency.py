"""``consistency``: facts of the draft checked against the calendar and against each other.

The rule file names one check (``check = "weekday"``; see owabilint.consistency) and
gives its messages as templates, one per kind of problem the check reports
(``[matcher.messages]``, filled with the values the check found: ``{date}``,
``{weekday}`` …). ``[matcher.severities]`` may give a kind of problem a severity of its
own (a 和暦 year past its era's end is only a warning). The sentence-filter keys
(``kinds``, ``topic``, ``skip`` … as in pattern entries) choose the sentences the check
reads; a check may take its own keys (word lists, the numbering plan).
"""

from __future__ import annotations

from typing import Any

from owabilint.consistency import CHECKS
from owabilint.errors import RuleError
from owabilint.matchers.base import Finding, LintContext, Matcher, Part, take
from owabilint.matchers.filters import SentenceFilter
from owabilint.model import SEVERITIES

_OWN_KEYS = frozenset({"check", "messages", "severities"})


class ConsistencyMatcher(Matcher):
    kind = "consistency"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        name = take(params, "check", str, where)
        if name not in CHECKS:
            raise RuleError(f"{where}.check: must be one of {', '.join(sorted(CHECKS))}, got {name!r}")
        check_type = CHECKS[name]
        unknown = set(params) - _OWN_KEYS - set(SentenceFilter.KEYS) - check_type.KEYS
        if unknown:
            raise RuleError(f"{where}: unknown key {min(unknown)!r}")
        messages = take(params, "messages", dict, where, {})
        missing = [k for k in check_type.MESSAGES if not isinstance(messages.get(k), str)]
        if missing:
            raise RuleError(f"{where}.messages: needs a message template {missing[0]!r}")
        extra = set(messages) - set(check_type.MESSAGES)
        if extra:
            raise RuleError(f"{where}.messages: unknown message {min(extra)!r}")
        severities = take(params, "severities", dict, where, {})
        for key, value in severities.items():
            if key not in check_type.MESSAGES or value not in SEVERITIES:
                raise RuleError(
                    f"{where}.severities.{key}: expected one of {', '.join(SEVERITIES)} for a known message"
                )
        self.messages: dict[str, str] = dict(messages)
        self.severities: dict[str, str] = dict(severities)
        self.filter = SentenceFilter({k: params[k] for k in SentenceFilter.KEYS if k in params}, where, lexicons)
        self.check = check_type(params, where, lexicons)
        self.option_keys = check_type.OPTIONS

    @property
    def fixable(self) -> bool:
        return self.check.FIXABLE

    def parts(self) -> list[Part]:
        return [*self.filter.parts(""), *self.check.parts()]

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        doc = ctx.doc
        may_report, accepts = self.check.may_report, self.filter.accepts
        sentences = [s for s in doc.sentences if may_report(s) and accepts(s, ctx)]
        findings = []
        for problem in self.check.find(ctx, sentences, options):
            if not self.filter.keeps_span(doc, problem.start, problem.end):
                continue
            if ctx.overlaps_placeholder(problem.start, problem.end):
                continue
            message = self.messages[problem.key].format_map(problem.values)
            findings.append(Finding(problem.start, problem.end, message, problem.fix, self.severities.get(problem.key)))
        findings.sort(key=lambda f: (f.start, f.end))
        return findings
