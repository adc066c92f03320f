"""Linear time on hostile input: long runs of any character class never make owabilint quadratic.

A backtracking regex or a rescan per position turns a 160 KB line into minutes. Two
properties keep that class of defect out:

- every regular expression owabilint ships (module-level patterns and the compiled
  built-in rule set) scans a run of each character class in time proportional to its
  length (2,000 and 16,000 characters: a linear pattern takes ~8× as long, a quadratic
  one ~64×);
- linting a draft that is one long run of a character class (10k/20k/40k/80k
  characters: every detector and matcher runs on it) grows at most ~2× per doubling.

Times are CPU times of this process, the best of a few runs, with generous bounds: a
quadratic cause grows 4× per doubling and is far outside them.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import time
from functools import partial
from itertools import pairwise

import pytest

import owabilint
from owabilint.engine import lint_text
from owabilint.ruleset.loader import builtin_rules

# One entry per kind of character the patterns treat differently: letters, digits,
# every ASCII punctuation mark, white space, and the Japanese classes, alone and in the
# pairs that address, number and URL patterns alternate on.
_ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
CLASSES = (
    ["a", "Z", "R", "w", "x", "0", "1", "9", " ", "\t", "\n", "\r\n"]
    + list(_ASCII_PUNCTUATION)
    + ["a.", "a@", "@a", "1.", "1-", "1:", "1/", "a1", "a-", "a_", "a ", "a\n", "www.", "http://", "+ZeVnLA-", "xn--"]
    + ["<a ", "<http://", "{{", "[a", "![", "](", "<!--", "```", "- ", "> ", "|-", "| "]
    + ["あ", "ア", "ｱ", "漢", "一", "ー", "\u3000", "「", "」", "（", "）", "：", "。", "、", "！", "？", "【", "】"]
    + ["１", "Ａ", "＃", "○", "〇", "※", "・", "様", "件", "円", "年", "月", "日", "時", "名", "🙇", "が\u3099"]
)


def _run(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(autouse=True)
def _no_garbage_collection():  # type: ignore[no-untyped-def]
    """Time the code, not the collector (as timeit does): in the full test session its
    collections scan a large heap and would dominate the larger runs."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _cpu(action, repeats: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best


def _shipped_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled ``re`` pattern of owabilint's modules and of the built-in rule set."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(owabilint.__path__, "owabilint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(value.pattern, value)
    seen: set[int] = set()

    def walk(obj: object) -> None:
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, type(None))):
            return
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            found.setdefault(obj.pattern, obj)
        elif isinstance(obj, dict):
            for key, value in obj.items():
                walk(key)
                walk(value)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for item in obj:
                walk(item)
        elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("owabilint."):
            walk(vars(obj))

    walk(builtin_rules())
    return found


PATTERNS = _shipped_patterns()


def test_the_pattern_collection_sees_the_rule_set_and_the_modules() -> None:
    assert len(PATTERNS) > 150
    from owabilint.matchers import detectors

    assert detectors._EMAIL.pattern in PATTERNS


def _scan(rx: re.Pattern[str], text: str) -> None:
    for _ in rx.finditer(text):
        pass


def test_every_shipped_pattern_scans_long_runs_in_linear_time() -> None:
    slow = []
    for unit in CLASSES:
        short, long = _run(unit, 2_000), _run(unit, 16_000)
        for rx in PATTERNS.values():
            # A quadratic pattern needs about 10 ms for 2,000 characters; a linear one
            # scans them in a fraction of a millisecond, so most patterns stop here.
            if _cpu(partial(_scan, rx, short), repeats=1) < 0.001:
                continue
            t_short = _cpu(partial(_scan, rx, short))
            t_long = _cpu(partial(_scan, rx, long))
            if t_long > 20 * t_short + 0.002:  # 8× is linear, 64× quadratic
                slow.append((unit, rx.pattern[:80], round(t_short, 4), round(t_long, 4)))
    assert not slow, slow


SIZES = (10_000, 20_000, 40_000, 80_000)


# The classes the detectors and the sentence splitter react to (the pattern test above
# covers the rest); whole drafts are slower to lint, so the list is shorter.
DRAFT_CLASSES = [
    "a",
    "1",
    ".",
    "-",
    "@",
    "a.",
    "a@",
    "1.",
    "１",
    "あ",
    "ア",
    "漢",
    "ー",
    "\u3000",
    "「",
    "（",
    "！",
    "？",
]
DRAFT_CLASSES += ["#", "*", "<a ", "[a", "日", "a ", "http://", "+ZeVnLA-", "\n"]


def _grows_linearly(times: list[float]) -> bool:
    doublings_ok = all(larger <= 3.5 * smaller + 0.03 for smaller, larger in pairwise(times))
    return doublings_ok and times[-1] <= 16 * times[0] + 0.05  # 8× linear, 64× quadratic


@pytest.mark.parametrize("unit", DRAFT_CLASSES, ids=[repr(c) for c in DRAFT_CLASSES])
def test_linting_a_long_run_grows_linearly(unit: str) -> None:
    rules = builtin_rules()
    drafts = [_run(unit, n) for n in SIZES]
    times = [_cpu(partial(lint_text, d, rules=rules), repeats=1) for d in drafts]
    for _ in range(2):  # a busy machine can stall one run: measure again before judging
        if _grows_linearly(times):
            break
        times = [
            min(t, _cpu(partial(lint_text, d, rules=rules), repeats=1)) for t, d in zip(times, drafts, strict=True)
        ]
    assert _grows_linearly(times), (unit, times)
