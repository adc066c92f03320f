"""Rule sets beyond the built-in ones: extended lexicons, company slot styles, user packs.

A configuration may extend the built-in lexicons, add placeholder styles and bracket
labels, and load user rule packs (``rule-paths``). Each distinct combination is loaded
once per process; a pack's patterns are compiled with RE2 (see owabilint.matchers.regex)
so that no user pattern can make matching take more than linear time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from owabilint.errors import RuleError

_OPEN_BRACKETS = "[［【<＜〈《(（{"
_CLOSE_BRACKETS = "]］】>＞〉》)）}"


def pack_signature(rule_paths: list[Path]) -> tuple:
    """Modification times of a pack's files: an edited pack is loaded again (language server)."""
    files: list[Path] = []
    for path in rule_paths:
        files.extend([*sorted(path.glob("*.toml")), *sorted(path.glob("lexicons/*.txt"))] if path.is_dir() else [path])
    signature = []
    for f in files:
        try:
            stat = f.stat()
        except OSError:
            continue
        signature.append((str(f), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


@lru_cache(maxsize=1)
def builtin_lexicon_names() -> frozenset[str]:
    from owabilint.ruleset.loader import builtin_rules_dir

    return frozenset(p.stem for p in (builtin_rules_dir() / "lexicons").glob("*.txt"))


@lru_cache(maxsize=16)
def load_ruleset(
    lexicon_extensions: tuple[tuple[str, tuple[str, ...]], ...] = (),
    placeholders: tuple[str, ...] = (),
    brackets: tuple[str, ...] = (),
    rule_paths: tuple[Path, ...] = (),
    _signature: tuple = (),
) -> list[Any]:
    """Built-in rules compiled with extended lexicons, plus rule packs.

    Cached per distinct set of arguments; ``_signature`` (the packs' file times) only
    takes part in the cache key.
    """
    from owabilint.ruleset.loader import builtin_rules_dir, load_lexicons, load_rules

    folder = builtin_rules_dir()
    lexicons = load_lexicons(folder / "lexicons")
    for name, terms in lexicon_extensions:
        lexicons[name] = [*lexicons[name], *terms]
    rules = load_rules(folder, lexicons)
    if placeholders or brackets:
        for rule in rules:
            if rule.placeholder:
                _extend_placeholder_rule(rule, placeholders, brackets, lexicons)
    seen = {r.id: r for r in rules}
    for path in rule_paths:
        for rule in load_rule_pack(path, lexicons):
            if rule.id in seen:
                other = seen[rule.id].path
                raise RuleError(f"{rule.path}: キー 'id': ルール ID {rule.id!r} は {other} で定義済みです")
            seen[rule.id] = rule
            rules.append(rule)
    return rules


def load_rule_pack(path: Path, base_lexicons: dict[str, list[str]]) -> list[Any]:
    """Rules of a user's pack (a folder of rule files with optional lexicons/, or one file).

    Patterns are compiled with RE2 (see owabilint.matchers.regex), so a pack cannot
    make matching take more than linear time.
    """
    from owabilint.matchers.regex import untrusted_patterns
    from owabilint.ruleset.loader import load_lexicons, load_rule_file

    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.toml"))
        if not files:
            raise RuleError(f"{path}: このフォルダにルールファイル（*.toml）がありません")
        own = load_lexicons(path / "lexicons")
    elif path.is_file():
        files, own = [path], {}
    else:
        raise RuleError(f"{path}: ルールパックが見つかりません")
    for name in own:
        if name in base_lexicons:
            raise RuleError(
                f"{path / 'lexicons' / (name + '.txt')}: 語彙 {name!r} は組み込みルールにあります。別の名前にしてください"
            )
    lexicons = {**base_lexicons, **own}
    with untrusted_patterns():
        rules = [load_rule_file(f, lexicons) for f in files]
    seen: dict[str, Path | None] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{rule.path}: ルール ID {rule.id!r} が重複しています")
        seen[rule.id] = rule.path
    return rules


def _extend_placeholder_rule(
    rule: Any, placeholders: tuple[str, ...], brackets: tuple[str, ...], lexicons: dict
) -> None:
    """Add company slot styles (RE2) and allowed bracket labels to a placeholder rule."""
    from owabilint.matchers.regex import untrusted_patterns

    allow = [re.compile(_bracket_label_regex(label)) for label in brackets]
    entries = [{"regex": list(placeholders), "skip": ["url", "email"]}] if placeholders else []
    with untrusted_patterns():
        rule.matcher.extend(entries, allow, "extend-placeholders", lexicons)


def _bracket_label_regex(label: str) -> str:
    """【速報】 allows exactly that; 速報 allows it in any kind of bracket."""
    label = label.strip()
    if len(label) >= 2 and label[0] in _OPEN_BRACKETS and label[-1] in _CLOSE_BRACKETS:
        return re.escape(label)
    opens = re.escape(_OPEN_BRACKETS)
    closes = re.escape(_CLOSE_BRACKETS)
    return f"[{opens}]{re.escape(label)}[{closes}]"
