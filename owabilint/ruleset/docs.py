"""``owabilint rules`` and ``owabilint rule ID``: the rule catalogue, rendered with rich.

The table lists the required elements first (in checklist order), then the wording
rules by category. ``rule ID`` shows what the rule asks for, why, its options, whether
it has a safe automatic fix, and its own examples; in each invalid example the span
the rule reports is highlighted, so the page shows the rule at work.
"""

from __future__ import annotations

import os
import re

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from owabilint.config.display import toml_value
from owabilint.reporters.rich_report import STYLE
from owabilint.ruleset.loader import CATEGORIES, Rule, builtin_rules

CATEGORY_LABELS = CATEGORIES
SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}
_CATEGORY_ORDER = {name: i for i, name in enumerate(CATEGORY_LABELS)}


def catalogue_order(rules: list[Rule]) -> list[Rule]:
    """Required elements in checklist order, then the other rules by category and id."""

    def key(rule: Rule) -> tuple[int, int, str]:
        if rule.checklist:
            return (0, rule.matcher.order, rule.id)
        return (1, _CATEGORY_ORDER.get(rule.category, len(_CATEGORY_ORDER)), rule.id)

    return sorted(rules, key=key)


def fixable(rule: Rule) -> bool:
    """Whether some finding of this rule carries a safe mechanical fix."""
    return rule.matcher.fixable


def category_label(category: str) -> str:
    """「語調（tone）」: the Japanese name, then the id that --select and configurations take."""
    label = CATEGORY_LABELS.get(category)
    return f"{label}（{category}）" if label else category


def make_console() -> Console:
    """A console; piped output gets a wide page so each rule stays on one line for grep."""
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(width=160)
    return console


def flowing(text: str) -> str:
    """Join the hard-wrapped lines of a TOML paragraph (Japanese needs no space between)."""
    return re.sub(r"(?<!\n)\n(?!\n)", "", text.strip())


def rule_table(rules: list[Rule]) -> Table:
    counts = {s: sum(1 for r in rules if r.severity == s) for s in SEVERITY_LABELS}
    summary = " / ".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in counts.items())
    table = Table(
        title=f"owabilint のルール一覧（{len(rules)} ルール: {summary}）",
        title_justify="left",
        caption="各ルールの説明と例: owabilint rule ID　　修正 ✓ = --fix で自動修正できる指摘があります"
        "　　分類名は --select / --ignore にも使えます",
        caption_justify="left",
    )
    table.add_column("ID", style="bold", no_wrap=True)
    table.add_column("重要度", no_wrap=True)
    table.add_column("分類", no_wrap=True)  # the Japanese name and the id that --select and configs take
    table.add_column("修正", no_wrap=True, justify="center")
    table.add_column("概要")
    for rule in catalogue_order(rules):
        table.add_row(
            rule.id,
            Text(SEVERITY_LABELS.get(rule.severity, rule.severity), style=STYLE[rule.severity]),
            category_label(rule.category),
            "✓" if fixable(rule) else "",
            rule.summary,
        )
    return table


def print_rule_table(console: Console | None = None, rules: list[Rule] | None = None) -> None:
    (console or make_console()).print(rule_table(builtin_rules() if rules is None else rules))


def highlighted_example(rule: Rule, text: str, rules: list[Rule]) -> Group:
    """The example with the spans ``rule`` reports underlined, and each span listed
    below it (so the page also reads without colour)."""
    from owabilint.engine import Settings, lint_text

    shown = Text(text.strip("\n"))
    offset = len(text) - len(text.lstrip("\n"))
    report = lint_text(text, rules=rules, settings=Settings(select={rule.id}))
    found = Text()
    for d in report.diagnostics:
        if d.rule != rule.id:
            continue
        if d.end_offset > d.offset:
            shown.stylize(f"{STYLE[rule.severity]} underline", d.offset - offset, d.end_offset - offset)
        span = text[d.offset : d.end_offset].replace("\n", "⏎")
        if len(span) > 30:
            span = span[:29] + "…"
        found.append(f"→ {d.line}行{d.column}列", style="dim")
        found.append(f"「{span}」" if span else "（文書全体）", style=STYLE[rule.severity])
        found.append("\n")
    found.rstrip()
    return Group(shown, found)


def _section(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold"))


def print_rule(rule_id: str, console: Console | None = None, rules: list[Rule] | None = None) -> None:
    console = console or make_console()
    rules = builtin_rules() if rules is None else rules
    rule = next(r for r in rules if r.id == rule_id)
    head = Text()
    head.append(rule.id, style="bold")
    head.append("  ")
    head.append(f"{rule.severity}（{SEVERITY_LABELS.get(rule.severity, rule.severity)}）", style=STYLE[rule.severity])
    head.append(f"  分類: {category_label(rule.category)}")
    console.print(Panel(Group(head, Text(rule.summary)), expand=False))

    _section(console, "指摘のメッセージ")
    console.print(escape(rule.format_message(rule.options)))
    _section(console, "理由")
    console.print(escape(flowing(rule.rationale)))
    if rule.options:
        _section(console, "オプション（既定値）")
        for key, value in rule.options.items():
            console.print(f"  {escape(key)} = {escape(toml_value(value))}")
    if rule.checklist:
        _section(console, "チェックリスト")
        console.print(f"  必須要素「{escape(rule.matcher.element)}」として、レポートのチェックリストに表示されます。")
    _section(console, "自動修正")
    console.print("  あり（owabilint --fix で置き換えられます）" if fixable(rule) else "  なし")

    _section(console, f"良い例（指摘なし: {len(rule.valid)} 件）")
    for example in rule.valid:
        console.print(Panel(Text(example.strip("\n")), border_style="green", expand=False))
    _section(console, f"悪い例（指摘あり: {len(rule.invalid)} 件、指摘箇所に下線）")
    for invalid in rule.invalid:
        console.print(Panel(highlighted_example(rule, invalid.text, rules), border_style="red", expand=False))
