"""SudachiPy access: one lazily created tokenizer per process, fed in safe chunks.

Sudachi refuses inputs above ~49 KB of UTF-8 per call and a tokenizer that once saw a
very large input stays slower afterwards, so callers hand us sentences or lines and we
split anything longer than ``CHUNK_CHARS`` at a safe boundary before tokenizing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sudachipy import Morpheme, Tokenizer

# 4,000 code points are at most 16,000 UTF-8 bytes: far below Sudachi's per-call limit.
CHUNK_CHARS = 4000

# Parts of speech whose normalized form is safe to use for matching. Inflecting words
# (verbs, adjectives, auxiliaries) keep their surface: their normalized form is the
# dictionary form, which would erase the difference between 詫び and 詫びる.
_INFLECTING = frozenset({"動詞", "形容詞", "助動詞", "形状詞"})
# Whose fold is the surface: inflecting words, and symbols and spaces as written.
_KEEPS_SURFACE = _INFLECTING | {"補助記号", "空白"}


# Built by ``tokenize`` alone, field by field: a generated ``__init__`` made building the
# ~500 tokens of a draft twice as slow (a frozen dataclass, which sets each field through
# object.__setattr__, 4× slower). Treat tokens as immutable all the same.
@dataclass(slots=True, unsafe_hash=True, init=False)
class Token:
    """One Sudachi morpheme (split mode A) with code-point offsets into the document."""

    surface: str
    normalized: str
    dictionary: str
    pos: tuple[str, ...]
    begin: int
    end: int
    # Spelling used for variant-insensitive matching (お詫び/御詫び, 漏えい/漏洩): the
    # normalized form, or the surface for inflecting words, symbols and spaces.
    fold: str = field(compare=False, repr=False)


# What Sudachi says about a word of its system dictionary (normalized form, dictionary
# form, part of speech, whether the fold keeps the surface) depends on the word id alone:
# read once per process. Ids from 0x0FFFFFFF up are out-of-vocabulary words (0xF…) and
# words joined by a plugin (a placeholder id): their forms come from the text, not the
# dictionary, so they are read every time. Bounded: cleared when full. The surface first
# seen is kept too: every later token spelled the same shares that one string (a long
# draft holds thousands of の and を).
_WORDS_LIMIT = 20_000
_JOINED_OR_OOV = 0x0FFFFFFF
_words: dict[int, tuple[str, str, tuple[str, ...], bool, str]] = {}


def _word(m: Morpheme, surface: str) -> tuple[str, str, tuple[str, ...], bool, str]:
    pos = m.part_of_speech()
    return m.normalized_form(), m.dictionary_form(), pos, pos[0] in _KEEPS_SURFACE, surface


@functools.cache
def get_tokenizer() -> Tokenizer:
    """This process's Sudachi tokenizer (loading the dictionary takes a while: once)."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.A)


def reset() -> None:
    """Forget this process's tokenizer: a forked worker must build its own."""
    get_tokenizer.cache_clear()
    _words.clear()


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
    if isinstance(offsets, range) and offsets.step == 1:
        base, offsets = base + offsets.start, None  # consecutive offsets: a shift does it
    tok = get_tokenizer()
    words = _words
    out: list[Token] = []
    append = out.append
    for chunk_start, chunk in _chunks(text):
        offset = base + chunk_start
        for m in tok.tokenize(chunk):
            surface = m.surface()
            begin = offset + m.begin()
            end = begin + len(surface)  # the surface is the text the morpheme covers
            if offsets is not None:
                end = offsets[end - 1] + 1 if end > begin else offsets[begin]
                begin = offsets[begin]
            word_id = m.word_id()
            word = words.get(word_id)
            if word is None:
                word = _word(m, surface)
                if word_id < _JOINED_OR_OOV:
                    if len(words) >= _WORDS_LIMIT:
                        words.clear()
                    words[word_id] = word
            elif word[4] == surface:
                surface = word[4]
            t = Token()
            t.surface = surface
            t.normalized, t.dictionary, t.pos, keeps_surface, _ = word
            t.fold = surface if keeps_surface else t.normalized
            t.begin = begin
            t.end = end
            append(t)
    return out
