"""Compiled regexes stored as code (CPython internals) come back as the same regex, or not at all.

Runs on whichever Python runs the tests, so each supported version (3.11 and later) is
checked where CI runs it.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from array import array

import pytest

from owabilint.cache.files import CacheFormatError
from owabilint.cache.regex_code import decode_regex, encode_regex
from owabilint.ruleset.loader import builtin_rules_dir, load_rules


def _regexes(obj: object, seen: set[int], out: dict[tuple[str, int], re.Pattern[str]]) -> None:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        out[(obj.pattern, obj.flags)] = obj
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            _regexes(item, seen, out)
    elif isinstance(obj, dict):
        for item in obj.values():
            _regexes(item, seen, out)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("owabilint"):
        _regexes(vars(obj), seen, out)


@pytest.fixture(scope="module")
def rules() -> list:
    return load_rules(builtin_rules_dir())


def test_the_rules_regexes_round_trip_to_equal_patterns_that_match_the_same(rules) -> None:
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    _regexes(rules, set(), found)
    regexes = [rx for rx in found.values() if isinstance(rx.pattern, str)]
    assert len(regexes) > 100  # the rules' own regexes, lexicon alternations included
    text = "\n".join([*(v for r in rules for v in r.valid), *(i.text for r in rules for i in r.invalid)])
    for rx in regexes:
        rebuilt = decode_regex(json.loads(json.dumps(encode_regex(rx))))
        assert rebuilt == rx, rx.pattern  # same pattern and flags
        assert (rebuilt.groups, dict(rebuilt.groupindex)) == (rx.groups, dict(rx.groupindex))
        assert [(m.span(), m.groups()) for m in rebuilt.finditer(text)] == [
            (m.span(), m.groups()) for m in rx.finditer(text)
        ], rx.pattern


def test_named_groups_flags_and_lookarounds_round_trip() -> None:
    sources = [r"(?P<year>\d{4})年(?P<month>\d{1,2})月", r"^(?:なので|だから)(?=、)", "漏えい|漏洩", r"(?i)www\.[a-z]+"]
    for source in sources:
        rx = re.compile(source)
        rebuilt = decode_regex(json.loads(json.dumps(encode_regex(rx))))
        for text in ("2026年10月14日", "なので、", "個人情報の漏えい", "WWW.example"):
            assert [(m.span(), m.groups()) for m in rebuilt.finditer(text)] == [
                (m.span(), m.groups()) for m in rx.finditer(text)
            ]


def _with_code(entry: list, code: list[int]) -> list:
    return [*entry[:2], base64.b64encode(array("I", code).tobytes()).decode("ascii"), *entry[3:]]


def test_malformed_or_planted_code_is_refused_not_run() -> None:
    entry = encode_regex(re.compile(r"(a)b"))
    code = array("I", base64.b64decode(entry[2])).tolist()
    planted = [
        _with_code(entry, [0xFFFF] * 8),  # no such opcodes
        _with_code(entry, code[:-3]),  # cut short: jumps point outside the program
        _with_code(entry, [code[0], 1_000, *code[2:]]),  # a skip far past the end of the program
        [*entry[:3], 7, *entry[4:]],  # more groups than the pattern has
        [*entry[:4], [["g", 5]], entry[5]],  # a named group that does not exist
        [*entry[:2], "not base64!", *entry[3:]],
        [*entry[:2], base64.b64encode(b"\x01\x02\x03").decode("ascii"), *entry[3:]],  # not whole opcodes
        [*entry[:4], [["g", "one"]], entry[5]],
        entry[:5],
        "os.system('true')",
    ]
    for data in planted:
        with pytest.raises(CacheFormatError):
            decode_regex(data)


def test_the_rule_cache_key_names_this_python_and_its_regex_engine(tmp_path) -> None:
    import _sre

    from owabilint.cache.rules import cache_key

    (tmp_path / "lexicons").mkdir()
    key = cache_key(tmp_path)
    assert f"python={sys.version}" in key and f"sre={_sre.MAGIC}" in key
