"""Running rules against their own examples (``examples.valid`` / ``examples.invalid``)."""

from __future__ import annotations

from dataclasses import dataclass

from owabilint.engine import Settings, lint_text
from owabilint.ruleset.loader import Rule


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
        settings = Settings(select={rule.id})
        for should_fire, key, examples in ((False, "valid", rule.valid), (True, "invalid", rule.invalid)):
            for i, text in enumerate(examples):
                fired = [d for d in lint_text(text, rules=context, settings=settings).diagnostics if d.rule == rule.id]
                if should_fire and not fired:
                    problem = "指摘されるべき例ですが、指摘されませんでした"
                elif not should_fire and fired:
                    where = ", ".join(f"{d.line}:{d.column}" for d in fired)
                    problem = f"指摘されない例ですが、{where} で指摘されました"
                else:
                    continue
                failures.append(ExampleFailure(rule, f"examples.{key}[{i}]", text, problem))
    return failures
