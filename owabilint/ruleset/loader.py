"""Loading rule files (rules/<id>.toml) and lexicons (rules/lexicons/*.txt).

Rules are data: adding a phrase is an edit to a TOML file or a lexicon, never to code.
Every file is validated when it is loaded, and errors name the file and the key.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from owabilint.errors import RuleError
from owabilint.matchers.base import Matcher
from owabilint.matchers.registry import MATCHERS
from owabilint.model import SEVERITIES
from owabilint.ruleset.examples import InvalidExample, parse_invalid, parse_valid
from owabilint.safe_read import FileTooLarge, NotRegularFile, read_settings_text
from owabilint.suggest import did_you_mean

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Rule categories with the Japanese name users read (`owabilint rules`, --select tone),
# in catalogue order. A new category is one line here.
CATEGORIES = {
    "content": "必須要素",
    "consistency": "事実の整合性",
    "template": "テンプレート",
    "wording": "言葉づかい",
    "tone": "語調",
    "style": "文体",
}
_TOP_KEYS = {
    "id",
    "severity",
    "category",
    "summary",
    "message",
    "rationale",
    "options",
    "matcher",
    "examples",
    "placeholder",
}


@dataclass
class Rule:
    id: str
    severity: str
    category: str
    summary: str
    message: str
    rationale: str
    matcher: Matcher
    options: dict[str, Any] = field(default_factory=dict)
    valid: list[str] = field(default_factory=list)
    invalid: list[InvalidExample] = field(default_factory=list)  # each with the spans it must report, if given
    path: Path | None = None
    # Findings of a placeholder rule are template slots: never evidence for an element.
    placeholder: bool = False

    @property
    def checklist(self) -> bool:
        return self.matcher.checklist

    def format_message(self, options: dict[str, Any]) -> str:
        try:
            return self.message.format_map(options)
        except (KeyError, ValueError, IndexError):
            return self.message


def builtin_rules_dir() -> Path:
    """rules/ inside an installed wheel (owabilint/rules), else the checkout's rules/."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.parent / "rules"


def _reason(exc: Exception) -> str:
    """Why a file could not be read, without quoting its content."""
    if isinstance(exc, UnicodeDecodeError):
        return "UTF-8 ではありません"
    if isinstance(exc, NotRegularFile):
        return "通常のファイルではありません"
    if isinstance(exc, FileTooLarge):
        return f"大きすぎます（上限 {exc.limit:,} バイト）"
    return getattr(exc, "strerror", None) or str(exc)


def load_lexicons(folder: Path) -> dict[str, list[str]]:
    """One term per line; blank lines and lines starting with # are ignored."""
    lexicons: dict[str, list[str]] = {}
    if not folder.is_dir():
        return lexicons
    for path in sorted(folder.glob("*.txt")):
        terms = []
        try:
            text = read_settings_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{path}: 語彙ファイルを読み込めません（{_reason(exc)}）") from None
        for line in text.splitlines():
            term = line.strip()
            if term and not term.startswith("#"):
                terms.append(term)
        lexicons[path.stem] = terms
    return lexicons


_TYPE_NAMES = {"str": "文字列", "dict": "表", "list": "リスト", "bool": "真偽値", "int": "整数", "float": "数値"}


def type_name(kind: type) -> str:
    return _TYPE_NAMES.get(kind.__name__, kind.__name__)


def _expect(data: dict[str, Any], key: str, kind: type, where: str, required: bool = True) -> Any:
    if key not in data:
        if required:
            raise RuleError(f"{where}: 必須のキー {key!r} がありません")
        return None
    value = data[key]
    if not isinstance(value, kind):
        raise RuleError(
            f"{where}: キー {key!r} には{type_name(kind)}を指定してください（{type_name(type(value))}が指定されています）"
        )
    return value


def parse_rule(data: dict[str, Any], path: Path, lexicons: dict[str, list[str]]) -> Rule:
    where = str(path)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        key = min(unknown)
        raise RuleError(f"{where}: 不明なキー {key!r} です{did_you_mean(key, sorted(_TOP_KEYS))}")
    rule_id = _expect(data, "id", str, where)
    if not RULE_ID.match(rule_id):
        raise RuleError(
            f"{where}: キー 'id': {rule_id!r} はルール ID の形（小文字・数字・ハイフン、例: missing-apology）ではありません"
        )
    if path.suffix == ".toml" and path.stem != rule_id:
        raise RuleError(
            f"{where}: キー 'id' が {rule_id!r} ですが、ファイル名は {path.name!r} です（ファイル名は <id>.toml にします）"
        )
    severity = _expect(data, "severity", str, where)
    if severity not in SEVERITIES:
        raise RuleError(
            f"{where}: キー 'severity': {severity!r} は使えません（{' | '.join(SEVERITIES)}）{did_you_mean(str(severity), list(SEVERITIES))}"
        )
    category = _expect(data, "category", str, where)
    if category not in CATEGORIES:
        raise RuleError(
            f"{where}: キー 'category': {category!r} は使えません（{' | '.join(CATEGORIES)}）{did_you_mean(str(category), list(CATEGORIES))}"
        )
    matcher_params = dict(_expect(data, "matcher", dict, where))
    kind = matcher_params.pop("kind", None)
    if kind not in MATCHERS:
        raise RuleError(
            f"{where}: キー 'matcher.kind': {kind!r} は使えません（{' | '.join(sorted(MATCHERS))}）{did_you_mean(str(kind), sorted(MATCHERS))}"
        )
    matcher = MATCHERS[kind](matcher_params, f"{where}: matcher", lexicons)
    examples = _expect(data, "examples", dict, where)
    valid = parse_valid(examples.get("valid", []), f"{where}: examples.valid")
    invalid = parse_invalid(examples.get("invalid", []), f"{where}: examples.invalid")
    if not valid or not invalid:
        raise RuleError(f"{where}: examples.valid と examples.invalid にそれぞれ 1 つ以上の例を書いてください")
    return Rule(
        id=rule_id,
        severity=severity,
        category=category,
        summary=_expect(data, "summary", str, where),
        message=_expect(data, "message", str, where),
        rationale=_expect(data, "rationale", str, where),
        matcher=matcher,
        options=dict(_expect(data, "options", dict, where, required=False) or {}),
        valid=valid,
        invalid=invalid,
        path=path,
        placeholder=bool(_expect(data, "placeholder", bool, where, required=False)),
    )


def load_rule_file(path: Path, lexicons: dict[str, list[str]]) -> Rule:
    try:
        data = tomllib.loads(read_settings_text(path))
    except tomllib.TOMLDecodeError as exc:
        from owabilint.toml_errors import explain

        raise RuleError(f"{path}: {explain(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: ルールファイルを読み込めません（{_reason(exc)}）") from None
    return parse_rule(data, path, lexicons)


def load_rules(folder: Path | None = None, lexicons: dict[str, list[str]] | None = None) -> list[Rule]:
    """All rules of a folder, sorted by id; lexicons come from ``folder/lexicons``."""
    folder = folder or builtin_rules_dir()
    if not folder.is_dir():
        raise RuleError(f"{folder}: ルールのフォルダが見つかりません")
    if lexicons is None:
        lexicons = load_lexicons(folder / "lexicons")
    rules = [load_rule_file(p, lexicons) for p in sorted(folder.glob("*.toml"))]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{rule.path}: ルール ID {rule.id!r} が重複しています")
        seen.add(rule.id)
    return rules


@functools.cache
def builtin_rules() -> list[Rule]:
    """The shipped rules, loaded once per process through the rule-set cache.

    Called from the library API and the configuration alike, so it opens the caches
    itself and saves them at once (what loading folded is kept for the next process).
    """
    from owabilint.cache.caches import Caches

    caches = Caches.open()
    rules = caches.load_rules(builtin_rules_dir(), load_rules)
    caches.prepare(rules)  # the term index (and the folds, when the rules were not cached)
    caches.save()
    return rules


def prepare_rules(rules: list[Rule], fold: Callable[[str], str] | None = None) -> None:
    """Do now the work rules otherwise do before their first draft: fold lexicon terms
    (with ``fold``), find the literals regexes require, and build one term index for the
    patterns that have none yet (kept with the patterns for the life of the process, never
    in the rule cache). Idempotent: a prepared rule set is only walked."""
    from owabilint.matchers.patterns import Pattern
    from owabilint.matchers.termindex import index_patterns

    fresh = []
    for rule in rules:
        rule.matcher.prepare(fold)
        fresh += [p for _where, p in rule.matcher.parts() if isinstance(p, Pattern) and p._term_index is None]
    if fresh:
        index_patterns(fresh)
