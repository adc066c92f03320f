"""The tokens of recently read sentences, for processes that re-lint as someone types.

The language server and the review page lint the same draft again at every pause in
typing, and between two lints most sentences are unchanged: their tokens are taken from
here, so only the sentences that changed go through Sudachi. A sentence's tokens depend
on its text alone; they are kept with offsets into that text and placed into the
document on the way out (a sentence still where it stood in a recent lint, such as any
sentence before the edit, gets the tokens placed then). Off unless a process turns it on
(``keep_recent``): a batch run reads each draft once. Bounded by the characters kept, the
oldest forgotten first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from owabilint.document.tokenizer import Token, tokenize

DEFAULT_CHARS = 100_000  # about fifty 2,000-character drafts: ~20 MB of tokens, read and placed
LONGEST_KEPT = 2_000  # a longer "sentence" (a pasted table) is tokenized every time
PLACES_KEPT = 4  # places remembered for a sentence written more than once (a repeated heading)


class _Kept:
    """One sentence's tokens: as read (offsets into the sentence), and as last placed at
    each of the few places it stood in recent lints."""

    __slots__ = ("placed", "tokens")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        # first document offset → (offsets, tokens placed at them); each entry is set in one
        # assignment, so threads sharing it see whole entries.
        self.placed: dict[int, tuple[Sequence[int], list[Token]]] = {}


class _Recent:
    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.chars = 0
        self.kept: OrderedDict[str, _Kept] = OrderedDict()
        self.lock = threading.Lock()  # the review page lints in several threads

    def get(self, text: str) -> _Kept:
        with self.lock:
            kept = self.kept.get(text)
            if kept is not None:
                self.kept.move_to_end(text)
                return kept
        kept = _Kept(tokenize(text))
        if len(text) <= LONGEST_KEPT:
            with self.lock:
                if text not in self.kept:
                    self.kept[text] = kept
                    self.chars += len(text)
                while self.chars > self.max_chars and self.kept:
                    oldest, _ = self.kept.popitem(last=False)
                    self.chars -= len(oldest)
        return kept


_recent: _Recent | None = None


def keep_recent(on: bool = True, max_chars: int = DEFAULT_CHARS) -> None:
    """Keep (or stop keeping, and forget) the tokens of recent sentences in this process."""
    global _recent
    _recent = _Recent(max_chars) if on else None


def sentence_tokens(text: str, offsets: Sequence[int]) -> list[Token]:
    """The tokens of a sentence whose characters stand at ``offsets`` in the document."""
    recent = _recent
    if recent is None:
        return tokenize(text, offsets=offsets)
    kept = recent.get(text)
    where = offsets[0] if offsets else -1
    before = kept.placed.get(where)
    if before is not None and before[0] == offsets:
        return list(before[1])  # where it stood in a recent lint (before the edit): as placed then
    if isinstance(offsets, range) and offsets.step == 1:  # one line: a shift does it
        start = offsets.start
        placed = [_placed(t, t.begin + start, t.end + start) for t in kept.tokens]
    else:  # as tokenize maps a hard-wrapped sentence (an empty token stays where it is)
        placed = [
            _placed(t, offsets[t.begin], offsets[t.end - 1] + 1 if t.end > t.begin else offsets[t.begin])
            for t in kept.tokens
        ]
    if len(kept.placed) >= PLACES_KEPT:
        kept.placed = {}  # the draft moved on: forget the old places
    kept.placed[where] = (offsets, placed)
    return placed


def _placed(token: Token, begin: int, end: int) -> Token:
    """``token`` (offsets into its sentence) at document offsets ``begin``..``end``."""
    placed = Token()
    placed.surface = token.surface
    placed.normalized = token.normalized
    placed.dictionary = token.dictionary
    placed.pos = token.pos
    placed.fold = token.fold
    placed.begin = begin
    placed.end = end
    return placed
