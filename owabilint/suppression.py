"""Inline suppression for Markdown drafts: ``<!-- owabilint-disable rule-id -->``.

Only formats whose comments are invisible to the reader honour directives (Markdown:
``honours_directives`` of its module in owabilint.inputs), and only outside code: a
comment inside a code block or code span is shown as text. Where the code is comes
from the format's own parse (``Document.code``). A plain-text or e-mail draft is sent as written, so a directive there would
reach the customer; it is reported instead (suppress by configuration for those).

Directives (rule ids separated by commas or spaces; none means every rule; text after
`` -- `` is a free reason):

- ``<!-- owabilint-disable ID -->`` … ``<!-- owabilint-enable ID -->``: findings that
  start in between are dropped (to the end of the draft when never enabled again);
- ``<!-- owabilint-disable-next-line ID -->``: findings that start on the next line.

A directive that names an unknown rule id, or that suppresses nothing, is reported as
``invalid-directive`` / ``unused-directive`` (pseudo-rules that settings can select,
ignore or re-grade like any rule).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

INVALID_DIRECTIVE = "invalid-directive"
UNUSED_DIRECTIVE = "unused-directive"
# Pseudo-rules produced here rather than by rules/*.toml: id → (default severity, summary).
DIRECTIVE_RULES = {
    INVALID_DIRECTIVE: (
        "warning",
        "owabilint の指示コメントが正しくありません（不明なルール ID、テキストの下書きでの使用など）",
    ),
    UNUSED_DIRECTIVE: ("warning", "owabilint の指示コメントが何も抑制していません"),
}
VERBS = ("disable", "enable", "disable-next-line")

_COMMENT = re.compile(r"<!--\s*owabilint-([A-Za-z-]*)(.*?)-->", re.DOTALL)
_ID = re.compile(r"[^\s,]+")


@dataclass(frozen=True, slots=True)
class DirectiveFinding:
    """A problem with a directive comment, at a span of the draft."""

    rule: str
    start: int
    end: int
    message: str


@dataclass(eq=False)
class _Target:
    """One rule id (or every rule, ``rule=None``) named by one directive."""

    rule: str | None
    start: int
    end: int
    used: bool = False


@dataclass(eq=False)
class _Directive:
    verb: str
    start: int  # the comment's span
    end: int
    next_line: int  # 1-based line after the comment (disable-next-line)
    targets: list[_Target] = field(default_factory=list)


def describe_directive_rule(rule_id: str) -> str:
    """``owabilint rule ID`` for a directive pseudo-rule (it has no rule file)."""
    severity, summary = DIRECTIVE_RULES[rule_id]
    return (
        f"{rule_id}  ({severity})\n{summary}\n\n"
        "Markdown の下書きでは <!-- owabilint-disable ルールID --> … <!-- owabilint-enable ルールID --> と\n"
        "<!-- owabilint-disable-next-line ルールID --> で指摘を抑制できます。存在しないルール ID や\n"
        "何も抑制していない指示、テキストの下書きに書かれた指示（そのままお客様に届きます）を報告します。\n"
        "設定ファイルの select / ignore / severity でほかのルールと同じように扱えます。"
    )


def find_directives(
    text: str, known_ids: Iterable[str], code: Sequence[tuple[int, int]] = ()
) -> tuple[list[_Directive], list[DirectiveFinding]]:
    """Parse the directive comments of a Markdown text; a comment that starts inside one of
    the ``code`` spans (sorted (start, end) offsets) is code, not a directive."""
    known = sorted(set(known_ids))
    code_starts = [start for start, _end in code]
    directives: list[_Directive] = []
    problems: list[DirectiveFinding] = []
    for m in _COMMENT.finditer(text):
        inside = bisect.bisect_right(code_starts, m.start()) - 1
        if inside >= 0 and m.start() < code[inside][1]:
            continue
        verb = m.group(1)
        if verb not in VERBS:
            problems.append(
                DirectiveFinding(
                    INVALID_DIRECTIVE,
                    m.start(),
                    m.end(),
                    f"「owabilint-{verb}」は不明な指示です。使えるのは "
                    + " / ".join(f"owabilint-{v}" for v in VERBS)
                    + " です。",
                )
            )
            continue
        body = m.group(2)
        reason = body.find(" -- ")
        if reason >= 0:
            body = body[:reason]
        directive = _Directive(verb, m.start(), m.end(), text.count("\n", 0, m.end()) + 2)
        for idm in _ID.finditer(body):
            rule = idm.group()
            start = m.start(2) + idm.start()
            end = start + len(rule)
            if rule not in known:
                close = difflib.get_close_matches(rule, known, n=1, cutoff=0.6)
                hint = f"（もしかして: {close[0]}）" if close else ""
                problems.append(
                    DirectiveFinding(
                        INVALID_DIRECTIVE, start, end, f"指示コメントのルール ID「{rule}」は存在しません{hint}。"
                    )
                )
                continue
            directive.targets.append(_Target(rule, start, end))
        if not any(_ID.finditer(body)):
            directive.targets.append(_Target(None, m.start(), m.end()))
        if directive.targets:
            directives.append(directive)
    return directives, problems


def apply_directives(
    text: str,
    findings: list[tuple[str, int, int]],
    known_ids: Iterable[str],
    code: Sequence[tuple[int, int]] = (),
) -> tuple[set[int], list[DirectiveFinding]]:
    """Which findings the directives of a Markdown draft suppress, and directive problems.

    ``findings`` are ``(rule id, start offset, 1-based line)`` in any order; the result
    is the set of their indexes to drop and the problems to report. ``code``: see
    :func:`find_directives`.
    """
    directives, problems = find_directives(text, known_ids, code)
    if not directives:
        return set(), problems
    suppressed: set[int] = set()
    order = sorted(range(len(findings)), key=lambda i: findings[i][1])
    ranges = [d for d in directives if d.verb != "disable-next-line"]
    state = _State()
    applied = 0
    for i in order:
        rule, start, line = findings[i]
        while applied < len(ranges) and ranges[applied].end <= start:
            state.apply(ranges[applied])
            applied += 1
        target = _next_line_target(directives, rule, line) or state.target_for(rule)
        if target is not None:
            target.used = True
            suppressed.add(i)
    while applied < len(ranges):
        state.apply(ranges[applied])
        applied += 1
    for directive in directives:
        for target in directive.targets:
            if not target.used:
                problems.append(
                    DirectiveFinding(UNUSED_DIRECTIVE, target.start, target.end, _unused_message(directive, target))
                )
    problems.sort(key=lambda p: (p.start, p.end))
    return suppressed, problems


def stray_directives(text: str) -> list[DirectiveFinding]:
    """Directive comments in a draft that is sent as written (plain text, e-mail)."""
    return [
        DirectiveFinding(
            INVALID_DIRECTIVE,
            m.start(),
            m.end(),
            "テキストの下書きでは指示コメントは効かず、そのままお客様に届いてしまいます。"
            "削除して、抑制は設定ファイル（ignore、per-file-ignores）で行ってください。",
        )
        for m in _COMMENT.finditer(text)
    ]


class _State:
    """Which rules are disabled at a point of the draft, and by which directive."""

    def __init__(self) -> None:
        self.disabled: dict[str, _Target] = {}
        self.all: _Target | None = None
        self.reenabled: set[str] = set()

    def apply(self, directive: _Directive) -> None:
        for target in directive.targets:
            if directive.verb == "disable":
                if target.rule is None:
                    self.all = target
                    self.reenabled.clear()
                else:
                    self.disabled[target.rule] = target
                    self.reenabled.discard(target.rule)
            elif target.rule is None:  # enable every rule
                target.used = bool(self.disabled or self.all)
                self.disabled.clear()
                self.all = None
                self.reenabled.clear()
            elif target.rule in self.disabled:
                target.used = True
                del self.disabled[target.rule]
            elif self.all is not None and target.rule not in self.reenabled:
                target.used = True
                self.reenabled.add(target.rule)

    def target_for(self, rule: str) -> _Target | None:
        if rule in self.disabled:
            return self.disabled[rule]
        if self.all is not None and rule not in self.reenabled:
            return self.all
        return None


def _next_line_target(directives: list[_Directive], rule: str, line: int) -> _Target | None:
    for directive in directives:
        if directive.verb == "disable-next-line" and directive.next_line == line:
            for target in directive.targets:
                if target.rule in (rule, None):
                    return target
    return None


def _unused_message(directive: _Directive, target: _Target) -> str:
    what = f"「{target.rule}」" if target.rule else "いずれのルール"
    if directive.verb == "enable":
        return f"{what}は無効化されていないため、この owabilint-enable は不要です。"
    return f"この指示で抑制された{what}の指摘はありません。不要なら削除してください。"
