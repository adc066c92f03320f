"""The tokens of recently read sentences, for processes that re-lint as someone types.

The language server and the review page lint the same draft again at every pause in
typing, and between two lints most sentences are unchanged: their tokens are taken from
here, so only the sentences that changed go through Sudachi. A sentence's tokens depend
on its text alone; they are kept with offsets into that text and placed into the
document on the way out. Off unless a process turns it on (``keep_recent``): a batch run
reads each draft once. Bounded by the characters kept, the oldest forgotten first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from owabilint.document.tokenizer import Token, tokenize

DEFAULT_CHARS = 100_000  # about fifty 2,000-character drafts: ~10 MB of tokens
LONGEST_KEPT = 2_000  # a longer "sentence" (a pasted table) is tokenized every time


class _Recent:
    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.chars = 0
        self.tokens: OrderedDict[str, list[Token]] = OrderedDict()
        self.lock = threading.Lock()  # the review page lints in several threads

    def get(self, text: str) -> list[Token]:
        with self.lock:
            tokens = self.tokens.get(text)
            if tokens is not None:
                self.tokens.move_to_end(text)
                return tokens
        tokens = tokenize(text)
        if len(text) <= LONGEST_KEPT:
            with self.lock:
                if text not in self.tokens:
                    self.tokens[text] = tokens
                    self.chars += len(text)
                while self.chars > self.max_chars and self.tokens:
                    oldest, _ = self.tokens.popitem(last=False)
                    self.chars -= len(oldest)
        return tokens


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
    return [_placed(t, offsets) for t in recent.get(text)]


def _placed(token: Token, offsets: Sequence[int]) -> Token:
    """``token`` (offsets into its sentence) with document offsets, as tokenize places it."""
    placed = Token()
    placed.surface = token.surface
    placed.normalized = token.normalized
    placed.dictionary = token.dictionary
    placed.pos = token.pos
    placed.fold = token.fold
    begin, end = token.begin, token.end
    placed.begin = offsets[begin]
    placed.end = offsets[end - 1] + 1 if end > begin else offsets[begin]
    return placed
