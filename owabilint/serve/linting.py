"""The review page's bridge to the engine: the same rules and settings the CLI uses, loaded once.

The configuration is resolved as ``owabilint check -`` would resolve it in the folder the
server was started in; each profile of the page's selector is resolved once, when it is
first used. Nothing here keeps a draft: each call gets its text and returns plain data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from owabilint.cache.caches import Caches
from owabilint.config import PROFILES, ConfigResolver, Resolved, ResolverOptions
from owabilint.engine import lint_text
from owabilint.fixer import fix_text
from owabilint.inputs.formats import InputFormat
from owabilint.inputs.registry import DRAFT_SUFFIXES, format_of
from owabilint.inputs.source import source_from_bytes
from owabilint.model import SEVERITIES, FileReport

# The formats the page's editor lints (an e-mail or Word file is opened as its text).
PAGE_FORMATS = (InputFormat.TEXT, InputFormat.MARKDOWN)
OPENABLE = DRAFT_SUFFIXES


class Linter:
    def __init__(self, options: ResolverOptions | None = None, caches: Caches | None = None) -> None:
        self.options = options or ResolverOptions()
        self.caches = caches or Caches.open()  # saved by whoever ends the page (serve.command)
        self._resolved: dict[str, Resolved] = {}
        # Sudachi's tokenizer is one object per process: lint one draft at a time.
        self._lock = threading.Lock()

    def default_profile(self) -> str:
        return self._resolve(None).profile

    def _resolve(self, profile: str | None) -> Resolved:
        key = profile or ""
        if key not in self._resolved:
            options = self.options
            if profile is not None:
                options = replace(options, overrides=replace(options.overrides, profile=profile))
            resolved = ConfigResolver(options).for_run()
            self.caches.prepare(resolved.rules)
            self._resolved[key] = resolved
        return self._resolved[key]

    def warm_up(self) -> None:
        """Load the rules and the dictionary before the first draft arrives."""
        self.lint("件名：お詫び\n\n準備です。\n", "text", None, [])

    def lint(self, text: str, fmt: str, profile: str | None, styled_lines: list[dict]) -> dict:
        with self._lock:
            report = self._lint(text, fmt, profile, styled_lines)
        return page_report(text, report)

    def fix_all(self, text: str, fmt: str, profile: str | None, styled_lines: list[dict]) -> dict:
        with self._lock:
            result = fix_text(text, lambda t: self._lint(t, fmt, profile, styled_lines))
        return {"text": result.text, "applied": result.applied, "report": page_report(result.text, result.report)}

    def _lint(self, text: str, fmt: str, profile: str | None, styled_lines: list[dict]) -> FileReport:
        resolved = self._resolve(profile)
        return lint_text(
            text,
            path="<page>",
            format=fmt,
            rules=resolved.rules,
            settings=resolved.settings,
            line_roles=_line_roles(text, styled_lines),
        )


def open_draft(name: str, data: bytes) -> dict:
    """A dropped or opened file as the page's text (an InputError names the file)."""
    source = source_from_bytes(data, name, format_of(name))
    styled: list[dict] = []
    if source.line_roles:
        lines = source.text.split("\n")
        styled = [{"text": lines[n - 1].strip(), "kind": kind} for n, kind in sorted(source.line_roles.items())]
    return {
        "name": name,
        "text": source.text,
        "kind": InputFormat.MARKDOWN if source.format == InputFormat.MARKDOWN else InputFormat.TEXT,
        "styled_lines": styled,
        "encoding": source.encoding_label,
        "source_kind": source.format,
    }


def _line_roles(text: str, styled_lines: list[dict]) -> dict[int, str] | None:
    """Word's heading and list styles, carried by line text so that they survive edits of other lines."""
    if not styled_lines:
        return None
    wanted = {item["text"]: item["kind"] for item in styled_lines if item.get("text")}
    kinds = {}
    for number, line in enumerate(text.splitlines(), start=1):
        kind = wanted.get(line.strip())
        if kind is not None:
            kinds[number] = kind
    return kinds


def page_report(text: str, report: FileReport) -> dict:
    """The report as the page uses it: positions also in UTF-16 units (JavaScript string indices)."""
    units = _utf16_offsets(text)
    messages = {d.rule: d.message for d in report.diagnostics}
    diagnostics = []
    for d in report.diagnostics:
        item = d.as_dict()
        item["start16"], item["end16"] = units(d.offset), units(d.end_offset)
        if d.fix is not None:
            item["fix"]["start16"], item["fix"]["end16"] = units(d.fix.offset), units(d.fix.end_offset)
            item["fix"]["original"] = text[d.fix.offset : d.fix.end_offset]
        diagnostics.append(item)
    checklist_rules = {c.rule for c in report.checklist}
    for item in diagnostics:
        # A missing element's finding: listed with the checklist. Placed at the start of a
        # line it marks where to add it (not painted); inside a line it is the vague wording itself.
        item["element"] = item["rule"] in checklist_rules
        item["anchor"] = item["element"] and item["column"] == 1
    return {
        "diagnostics": diagnostics,
        "checklist": [
            {**c.as_dict(), "rule": c.rule, "message": None if c.found else messages.get(c.rule)}
            for c in report.checklist
        ],
        "summary": {s.value: report.count(s) for s in SEVERITIES},
    }


def _utf16_offsets(text: str) -> Callable[[int], int]:
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    starts = [0]
    for c in text:
        starts.append(starts[-1] + (2 if ord(c) >= 0x10000 else 1))
    return lambda offset: starts[min(offset, len(text))]


__all__ = ["OPENABLE", "PAGE_FORMATS", "PROFILES", "Linter", "open_draft", "page_report"]
