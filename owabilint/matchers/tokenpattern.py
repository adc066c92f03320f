"""Token sequences: patterns over Sudachi morphemes instead of characters.

A sequence is a list of token specs; each spec is a table whose keys must all hold for
one morpheme (values are a string or a list of alternatives):

- ``surface``: the text as written;
- ``lemma``: the dictionary form (なら, なり, なる → なる);
- ``normalized``: Sudachi's normalized form (おっしゃる → 仰る);
- ``pos``: a part-of-speech prefix, levels joined by ``-`` (``助詞-接続助詞``);
- ``form``: a conjugation-form prefix (``終止形``, ``命令形``);
- ``start``: true when the token must open the sentence (leading symbols aside).

Words are matched by what they are, not by how they are spelled next to their
neighbours: ``{surface = "けど", pos = "助詞"}`` finds the casual conjunction but not
the noun やけど.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from owabilint.errors import RuleError

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document.tokenizer import Token

_SPEC_KEYS = ("surface", "lemma", "normalized", "pos", "form", "start")
_SKIPPABLE_AT_START = ("補助記号", "空白")


def _alternatives(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleError(f"{where}: 文字列または文字列のリストを指定してください")


_POS_STRINGS: dict[tuple[str, ...], str] = {}


def pos_string(token: Token) -> str:
    text = _POS_STRINGS.get(token.pos)
    if text is None:  # a dictionary has a few thousand distinct parts of speech at most
        text = _POS_STRINGS[token.pos] = "-".join(p for p in token.pos[:4] if p != "*")
    return text


@dataclass(frozen=True)
class TokenSpec:
    surface: tuple[str, ...] = ()
    lemma: tuple[str, ...] = ()
    normalized: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    start: bool = False

    @classmethod
    def parse(cls, data: Any, where: str) -> TokenSpec:
        if not isinstance(data, dict) or not data:
            raise RuleError(f'{where}: {{lemma = "なる"}} のような表を指定してください')
        unknown = set(data) - set(_SPEC_KEYS)
        if unknown:
            raise RuleError(f"{where}: 不明なトークンのキー {min(unknown)!r} です（{', '.join(_SPEC_KEYS)}）")
        start = data.get("start", False)
        if not isinstance(start, bool):
            raise RuleError(f"{where}.start: true か false を指定してください")
        fields = {k: _alternatives(data[k], f"{where}.{k}") for k in _SPEC_KEYS[:-1] if k in data}
        return cls(start=start, **fields)

    def accepts(self, token: Token) -> bool:
        if self.surface and token.surface not in self.surface:
            return False
        if self.lemma and token.dictionary not in self.lemma:
            return False
        if self.normalized and token.normalized not in self.normalized:
            return False
        if self.pos and not pos_string(token).startswith(self.pos):
            return False
        return not (self.form and not token.pos[5].startswith(self.form))


@dataclass(frozen=True)
class TokenSequence:
    specs: tuple[TokenSpec, ...]

    @classmethod
    def parse_list(cls, value: Any, where: str) -> list[TokenSequence]:
        if not isinstance(value, list):
            raise RuleError(f"{where}: トークン列のリストを指定してください")
        out = []
        for i, seq in enumerate(value):
            if isinstance(seq, dict):
                seq = [seq]
            if not isinstance(seq, list) or not seq:
                raise RuleError(f"{where}[{i}]: トークンの表のリストを指定してください")
            out.append(cls(tuple(TokenSpec.parse(s, f"{where}[{i}][{j}]") for j, s in enumerate(seq))))
        return out

    def candidates(self, words: Sequence[frozenset[str]]) -> set[int] | None:
        """The sentences that hold a token able to start a match (``words``: the forms of
        the tokens of each sentence); None when any sentence may."""
        head = self.specs[0]
        found: set[int] | None = None
        for alternatives in (head.surface, head.lemma, head.normalized):
            if alternatives:
                holding = {i for i, w in enumerate(words) if not w.isdisjoint(alternatives)}
                found = holding if found is None else found & holding
        return found

    def spans(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
        specs = self.specs
        n = len(specs)
        stop = len(tokens) - n + 1
        if stop <= 0:
            return
        head, rest = specs[0], specs[1:]
        if head.start:
            first_word = next((i for i, t in enumerate(tokens) if t.pos[0] not in _SKIPPABLE_AT_START), len(tokens))
            starts: Iterable[int] = (first_word,) if first_word < stop else ()
        elif head.surface:  # only tokens spelled as listed can start a match: find them first
            starts = [i for i in range(stop) if tokens[i].surface in head.surface]
        elif head.lemma:
            starts = [i for i in range(stop) if tokens[i].dictionary in head.lemma]
        elif head.normalized:
            starts = [i for i in range(stop) if tokens[i].normalized in head.normalized]
        else:
            starts = range(stop)
        accepts = head.accepts
        for i in starts:
            if not accepts(tokens[i]):
                continue
            k = i
            for spec in rest:
                k += 1
                if not spec.accepts(tokens[k]):
                    break
            else:
                yield tokens[i].begin, tokens[i + n - 1].end
