"""``owabilint rules`` and ``owabilint rule ID``: the rule catalogue, rendered with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from owabilint.reporters.rich_report import STYLE
from owabilint.ruleset import Rule, builtin_rules


def rule_table(rules: list[Rule]) -> Table:
    table = Table(title="owabilint のルール一覧", title_justify="left")
    table.add_column("ID", style="bold", no_wrap=True)
    table.add_column("重要度", no_wrap=True)
    table.add_column("分類", no_wrap=True)
    table.add_column("概要")
    for rule in rules:
        table.add_row(rule.id, Text(rule.severity, style=STYLE[rule.severity]), rule.category, rule.summary)
    return table


def print_rule_table(console: Console | None = None, rules: list[Rule] | None = None) -> None:
    (console or Console()).print(rule_table(builtin_rules() if rules is None else rules))


def print_rule(rule_id: str, console: Console | None = None, rules: list[Rule] | None = None) -> None:
    console = console or Console()
    rule = next(r for r in (builtin_rules() if rules is None else rules) if r.id == rule_id)
    head = Text()
    head.append(rule.id, style="bold")
    head.append(f"  ({rule.severity}, {rule.category})", style=STYLE[rule.severity])
    console.print(head)
    console.print(rule.summary)
    console.print()
    console.print(Text("メッセージ", style="bold"))
    console.print(escape(rule.message))
    console.print()
    console.print(Text("理由", style="bold"))
    console.print(escape(rule.rationale.strip()))
    if rule.options:
        console.print()
        console.print(Text("オプション（既定値）", style="bold"))
        for key, value in rule.options.items():
            console.print(f"  {key} = {value!r}")
    for title, examples, style in (("良い例（指摘なし）", rule.valid, "green"), ("悪い例（指摘あり）", rule.invalid, "red")):
        console.print()
        console.print(Text(title, style="bold"))
        for example in examples:
            console.print(Panel(escape(example.strip()), border_style=style, expand=False))
