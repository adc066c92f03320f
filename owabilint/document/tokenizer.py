"""SudachiPy access: one lazily created tokenizer per process, fed in safe chunks.

Sudachi refuses inputs above ~49 KB of UTF-8 per call and a tokenizer that once saw a
very large input stays slower afterwards, so callers hand us sentences or lines and we
split anything longer than ``CHUNK_CHARS`` at a safe boundary before tokenizing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Tokenizer

# 4,000 code points are at most 16,000 UTF-8 bytes: far below Sudachi's per-call limit.
CHUNK_CHARS = 4000

# Parts of speech whose normalized form is safe to use for matching. Inflecting words
# (verbs, adjectives, auxiliaries) keep their surface: their normalized form is the
# dictionary form, which would erase the difference between 詫び and 詫びる.
_INFLECTING = frozenset({"動詞", "形容詞", "助動詞", "形状詞"})


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building the ~500 tokens of a draft 4× slower. Treat tokens as immutable all the same.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One Sudachi morpheme (split mode A) with code-point offsets into the document."""

    surface: str
    normalized: str
    dictionary: str
    pos: tuple[str, ...]
    begin: int
    end: int

    @property
    def fold(self) -> str:
        """Spelling used for variant-insensitive matching (お詫び/御詫び, 漏えい/漏洩)."""
        if self.pos[0] in _INFLECTING or self.pos[0] == "補助記号" or self.pos[0] == "空白":
            return self.surface
        return self.normalized


@functools.cache
def get_tokenizer() -> Tokenizer:
    """This process's Sudachi tokenizer (loading the dictionary takes a while: once)."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.A)


def reset() -> None:
    """Forget this process's tokenizer: a forked worker must build its own."""
    get_tokenizer.cache_clear()


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most CHUNK_CHARS, preferring punctuation."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind(c) for c in "。！？!?、\n ")
            if cut > CHUNK_CHARS // 2:
                end = start + cut + 1
            elif 0xDC00 <= ord(text[end - 1]) <= 0xDFFF or 0xD800 <= ord(text[end - 1]) <= 0xDBFF:
                end -= 1  # never split a (lone) surrogate pair across chunks
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def tokenize(text: str, base: int = 0, offsets: Sequence[int] | None = None) -> list[Token]:
    """Tokenize ``text``; offsets are shifted by ``base``.

    With ``offsets`` (the document offset of each character of ``text``), a token's begin
    is ``offsets[begin]`` and its end is just past ``offsets[end - 1]``: the document span
    of a sentence whose hard-wrapped lines were joined.
    """
    if not text:
        return []
    tok = get_tokenizer()
    out: list[Token] = []
    append = out.append
    for chunk_start, chunk in _chunks(text):
        offset = base + chunk_start
        for m in tok.tokenize(chunk):
            begin = offset + m.begin()
            end = offset + m.end()
            if offsets is not None:
                end = offsets[end - 1] + 1 if end > begin else offsets[begin]
                begin = offsets[begin]
            append(Token(m.surface(), m.normalized_form(), m.dictionary_form(), tuple(m.part_of_speech()), begin, end))
    return out
