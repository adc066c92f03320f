#!/usr/bin/env python3
"""The floor: the least a Sudachi-based linter must do. Load the dictionary, tokenize.

    python benchmarks/floor.py PATH [PATH ...]     (a directory: every .txt under it)

Same tokenizer settings as owabilint (sudachidict-core, split mode A), text fed in the
same way (pieces of at most 4,000 characters, cut at line ends), and each morpheme's
surface, part of speech and normalized form read once, as any linter must. Nothing
else: no rules, no report. Prints the number of morphemes.
"""

from __future__ import annotations

import os
import sys

from sudachipy import Dictionary, SplitMode

CHUNK_CHARS = 4000


def pieces(text: str):
    if len(text) <= CHUNK_CHARS:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield text[start:end]
        start = end


def read(tokenizer, text: str) -> int:
    """Tokenize ``text`` as the floor does and read each morpheme once; how many there were."""
    morphemes = 0
    for piece in pieces(text):
        for m in tokenizer.tokenize(piece):
            m.surface()
            m.part_of_speech()
            m.normalized_form()
            morphemes += 1
    return morphemes


def files(paths: list[str]) -> list[str]:
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, _dirs, names in os.walk(path):
                out.extend(os.path.join(root, n) for n in names if n.endswith(".txt"))
        else:
            out.append(path)
    return sorted(out)


def main() -> int:
    tokenizer = Dictionary(dict="core").tokenizer(SplitMode.A)
    morphemes = 0
    for path in files(sys.argv[1:]):
        with open(path, encoding="utf-8") as fh:
            morphemes += read(tokenizer, fh.read())
    print(morphemes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
