"""A rule's own examples (``examples.valid`` / ``examples.invalid``): reading them and
running the rule against them.

An invalid example is a string, or a table that also pins what the rule reports:
``{ text = "…", span = "再発防止に努め" }``. ``span`` is the exact text of the finding;
a list of spans means one finding each, in the order they occur. When the span's text
occurs more than once, the first occurrence is meant unless ``occurrence = N`` (1-based)
says which; in a list, each span is looked for after the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.ruleset.loader import Rule

_INVALID_KEYS = ("text", "span", "occurrence")


@dataclass(frozen=True)
class InvalidExample:
    """A text the rule must report; ``spans`` (document offsets), when given, are exactly
    the findings it must make."""

    text: str
    spans: tuple[tuple[int, int], ...] | None = None


def parse_valid(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: 文字列のリストを指定してください")
    return value


def parse_invalid(value: Any, where: str) -> list[InvalidExample]:
    if not isinstance(value, list):
        raise RuleError(f"{where}: 文字列か {{ text = …, span = … }} の表のリストを指定してください")
    return [_invalid(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _invalid(item: Any, where: str) -> InvalidExample:
    if isinstance(item, str):
        return InvalidExample(item)
    if not isinstance(item, dict):
        raise RuleError(f"{where}: 文字列か {{ text = …, span = … }} の表を指定してください")
    unknown = sorted(set(item) - set(_INVALID_KEYS))
    if unknown:
        raise RuleError(f"{where}: 不明なキー {unknown[0]!r} です（{', '.join(_INVALID_KEYS)}）")
    text = item.get("text")
    if not isinstance(text, str):
        raise RuleError(f"{where}.text: 例文を文字列で指定してください")
    span = item.get("span")
    spans = [span] if isinstance(span, str) else span
    if not isinstance(spans, list) or not spans or not all(isinstance(s, str) and s for s in spans):
        raise RuleError(f"{where}.span: 指摘される箇所の文字列（または文字列のリスト）を指定してください")
    occurrence = item.get("occurrence", 1)
    if "occurrence" in item and not isinstance(span, str):
        raise RuleError(f"{where}.occurrence: span が 1 つのときだけ指定できます")
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        raise RuleError(f"{where}.occurrence: 1 以上の整数を指定してください")
    found: list[tuple[int, int]] = []
    at = 0
    for piece in spans:
        start = text.find(piece, at)
        for _ in range(occurrence - 1):
            start = text.find(piece, start + 1) if start >= 0 else -1
        if start < 0:
            nth = f"{occurrence} 回目の" if occurrence > 1 else ""
            raise RuleError(f"{where}.span: {nth}「{piece}」が例文の中にありません")
        found.append((start, start + len(piece)))
        at = start + len(piece)
    return InvalidExample(text, tuple(found))


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    key: str  # "examples.valid[0]" or "examples.invalid[2]"
    text: str
    problem: str


def check_examples(rules: list[Rule], context: list[Rule]) -> list[ExampleFailure]:
    """Failures of ``rules``' examples, each linted with ``context`` (all rules loaded)."""
    failures: list[ExampleFailure] = []
    for rule in rules:
        for i, text in enumerate(rule.valid):
            fired = reported_spans(rule, text, context)
            if fired:
                where = ", ".join(f"{line}:{column}" for line, column, _s, _e in fired)
                problem = f"指摘されない例ですが、{where} で指摘されました"
                failures.append(ExampleFailure(rule, f"examples.valid[{i}]", text, problem))
        for i, example in enumerate(rule.invalid):
            wrong = invalid_problem(rule, example, context)
            if wrong:
                failures.append(ExampleFailure(rule, f"examples.invalid[{i}]", example.text, wrong))
    return failures


def invalid_problem(rule: Rule, example: InvalidExample, context: list[Rule] | None = None) -> str | None:
    """Why ``rule`` does not report ``example`` as it says (None when it does)."""
    fired = reported_spans(rule, example.text, context)
    if not fired:
        return "指摘されるべき例ですが、指摘されませんでした"
    got = [(s, e) for _line, _column, s, e in fired]
    if example.spans is None or got == list(example.spans):
        return None
    wanted = "、".join(f"「{example.text[s:e]}」" for s, e in example.spans)
    shown = "、".join(f"「{example.text[s:e]}」（{line}:{column}）" for line, column, s, e in fired)
    return f"{wanted} を指摘するはずの例ですが、{shown} が指摘されました"


def reported_spans(rule: Rule, text: str, context: list[Rule] | None = None) -> list[tuple[int, int, int, int]]:
    """(line, column, start, end) of each finding ``rule`` makes on ``text``."""
    from owabilint.engine import Settings, lint_text  # the engine loads rules: imported when run

    report = lint_text(text, rules=context, settings=Settings(select={rule.id}))
    return [(d.line, d.column, d.offset, d.end_offset) for d in report.diagnostics if d.rule == rule.id]
