"""Did-you-mean suggestions for mistyped commands, keys and names."""

from __future__ import annotations

import difflib


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two neighbours counts as one edit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def closest(word: str, known: list[str]) -> str | None:
    """The known word a typo most likely meant (``rulse`` → ``rules``, not ``rule``), or None."""
    limit = max(1, len(word) // 3)
    scored = sorted((_edit_distance(word, k), abs(len(k) - len(word)), k) for k in known)
    if scored and scored[0][0] <= limit:
        return scored[0][2]
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, known: list[str]) -> str:
    """「（もしかして: X）」 for the closest of ``known``, or ""."""
    close = closest(word, known)
    return f"（もしかして: {close}）" if close else ""
