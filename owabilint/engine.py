"""The rule engine: Document + rules + settings → findings and checklist. No I/O here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from owabilint.document import Document
from owabilint.inputs.formats import InputFormat
from owabilint.inputs.registry import format_module
from owabilint.matchers.base import LintContext
from owabilint.model import SEVERITY_RANK, ChecklistItem, Diagnostic, FileReport, Fix, Related, Severity
from owabilint.ruleset.loader import Rule, builtin_rules
from owabilint.suppression import DIRECTIVE_RULES, apply_directives, stray_directives


@dataclass
class Settings:
    """What the user chose: which rules run, at which severity, with which options.

    The configuration layer (owabilint.config) builds one Settings per linted file:
    profile, config file and command line are already merged, and the file's
    ``per-file-ignores`` are already part of ``ignore``.
    """

    select: set[str] | None = None  # None: every rule
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)  # id → error|warning|info|off
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → option → value
    fail_on: str = "warning"  # lowest severity that makes the run fail
    # Honour <!-- owabilint-disable … --> comments in Markdown drafts.
    inline_directives: bool = True

    def enabled(self, rule: Rule | str) -> bool:
        rule_id = rule if isinstance(rule, str) else rule.id
        if self.select is not None and rule_id not in self.select:
            return False
        if rule_id in self.ignore:
            return False
        return self.severity.get(rule_id) != Severity.OFF

    def severity_of(self, rule: Rule) -> str:
        return self.severity.get(rule.id, rule.severity)

    def options_of(self, rule: Rule) -> dict[str, Any]:
        merged = dict(rule.options)
        merged.update(self.options.get(rule.id, {}))
        return merged


def lint_document(
    doc: Document, rules: Iterable[Rule] | None = None, settings: Settings | None = None, *, original: str | None = None
) -> FileReport:
    """Lint ``doc``; ``original`` is the text as written when ``doc.text`` is its masked prose
    (same length): directives are read from it and reports show it."""
    rules = list(builtin_rules() if rules is None else rules)
    for rule in rules:
        rule.matcher.prepare()  # once per loaded rule set; linting then never changes a rule
    settings = settings or Settings()
    ctx = LintContext(doc, written=original or "")
    by_id = {r.id: r for r in rules}

    placeholder_findings: dict[str, list] = {}
    for rule in rules:
        if rule.placeholder:
            found = rule.matcher.find(ctx, settings.options_of(rule))
            placeholder_findings[rule.id] = found
            ctx.placeholders.extend((f.start, f.end) for f in found)

    for rule in rules:
        if rule.checklist:
            ctx.evidence[rule.id] = rule.matcher.evidence(ctx, settings.options_of(rule))

    diagnostics: list[Diagnostic] = []
    for rule in rules:
        if not settings.enabled(rule):
            continue
        options = settings.options_of(rule)
        if rule.placeholder:
            findings = placeholder_findings[rule.id]
        elif rule.checklist:
            if ctx.evidence[rule.id] is not None:
                continue
            needed = rule.matcher.requires
            if needed and needed in by_id and ctx.evidence.get(needed) is None:
                continue
            findings = rule.matcher.find(ctx, options)
        else:
            findings = rule.matcher.find(ctx, options)
        chosen = settings.severity.get(rule.id)  # the user's or the profile's choice wins
        default_message = rule.format_message(options)
        for f in findings:
            severity = chosen or f.severity or rule.severity
            line, column = doc.position(f.start)
            end_line, end_column = doc.position(f.end)
            related = tuple(Related(s, e, *doc.position(s), *doc.position(e)) for s, e in f.related)
            diagnostics.append(
                Diagnostic(
                    rule=rule.id,
                    severity=_capped(severity, f.cap),
                    message=f.message or default_message,
                    offset=f.start,
                    end_offset=f.end,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    fix=Fix(f.start, f.end, f.fix) if f.fix is not None else None,
                    related=related,
                )
            )
    diagnostics = _apply_directives(doc, original or doc.text, diagnostics, by_id, settings)
    diagnostics.sort(key=lambda d: (d.offset, d.end_offset, d.rule))

    checklist = []
    for rule in sorted((r for r in rules if r.checklist and settings.enabled(r)), key=lambda r: r.matcher.order):
        ev = ctx.evidence.get(rule.id)
        checklist.append(
            ChecklistItem(rule.matcher.element, ev is not None, doc.position(ev.start)[0] if ev else None, rule.id)
        )
    return FileReport(
        path=doc.path, text=original or doc.text, diagnostics=diagnostics, checklist=checklist, fail_on=settings.fail_on
    )


def _capped(severity: str, cap: str | None) -> str:
    """A finding made on weak evidence is never reported above its cap, whatever the
    rule's configured severity: "not sure" is not an error."""
    if cap is None or SEVERITY_RANK[cap] >= SEVERITY_RANK[severity]:
        return severity
    return cap


def _apply_directives(
    doc: Document, text: str, diagnostics: list[Diagnostic], by_id: dict[str, Rule], settings: Settings
) -> list[Diagnostic]:
    """Drop findings suppressed by Markdown directives (read from ``text``, the unmasked draft); report directive problems."""
    if not settings.inline_directives or "owabilint-" not in text:
        return diagnostics
    if format_module(doc.format).honours_directives:
        known = set(by_id) | set(DIRECTIVE_RULES)
        findings = [(d.rule, d.offset, d.line) for d in diagnostics]
        drop, problems = apply_directives(text, findings, known, code=doc.code)
        diagnostics = [d for i, d in enumerate(diagnostics) if i not in drop]
    else:
        problems = stray_directives(text)
    for p in problems:
        if not settings.enabled(p.rule):
            continue
        line, column = doc.position(p.start)
        end_line, end_column = doc.position(p.end)
        severity = settings.severity.get(p.rule, DIRECTIVE_RULES[p.rule][0])
        diagnostics.append(Diagnostic(p.rule, severity, p.message, p.start, p.end, line, column, end_line, end_column))
    return diagnostics


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    format: InputFormat | str = InputFormat.TEXT,
    rules: Iterable[Rule] | None = None,
    settings: Settings | None = None,
    line_roles: dict[int, str] | None = None,
) -> FileReport:
    """Lint a draft given as a string (the library entry point).

    ``format`` (an :class:`~owabilint.inputs.formats.InputFormat` or its name) says how
    ``text`` is read: with ``"markdown"`` only the prose is linted (code, HTML comments,
    link targets and front matter are blanked first, same length, so positions still
    point into ``text``). Look-alike ideographs copied from PDFs (⽉ for 月) are read as
    the ideographs they stand for (see owabilint/document/lookalikes.py); reports still
    show the text as written. ``line_roles`` (1-based line → heading | list | field)
    overrides how lines are read where the input says so itself (a Word heading style).
    """
    doc = format_module(format).document(text, path, line_roles)
    # The format's Document reads a changed copy (folded, masked): directives and reports use ``text``.
    return lint_document(doc, rules, settings, original=text if doc.text is not text else None)
