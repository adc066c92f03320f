"""``honorific``: 二重敬語 (one honorific form stacked on another), found by lemma.

Three shapes, each configurable from the rule file:

- ``become``: an お/ご honorific (お越し, ご覧, ご利用, お受け取り) + に + なる + the
  respectful auxiliary れる/られる: ご覧になられる, お越しになられた. The word after
  the prefix must be verb-like (a verb stem, a サ変 noun, a noun ending in kana such as
  受け取り, or a word spelled with the prefix such as ご覧), so 社長になられた and
  ご病気になられた (literally "became") are not reported;
- ``respect_verbs``: a verb that is already respectful + れる/られる: おっしゃられる,
  召し上がられる, いらっしゃられる;
- ``humble_verbs``: a humble verb + させていただく: 拝見させていただく,
  お伺いさせていただく.

Words are compared by dictionary form, so conjugation and spelling do not matter.
Accepted set phrases (お伺いする, お召し上がりください, 拝見いたします) do not have these
shapes and are not reported.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from owabilint.matchers.base import Finding, LintContext, Matcher, take

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document.tokenizer import Token

_KANA_END = re.compile(r"[\u3041-\u309f]$")


def _strings(params: dict[str, Any], key: str, where: str, default: list[str]) -> frozenset[str]:
    return frozenset(take(params, key, list, where, default))


class HonorificMatcher(Matcher):
    kind = "honorific"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        self.prefixes = _strings(params, "prefixes", where, ["お", "ご", "御"])
        self.become = _strings(params, "become", where, ["なる"])
        self.respectful = _strings(params, "respectful_auxiliaries", where, ["れる", "られる"])
        self.respect_verbs = _strings(params, "respect_verbs", where, [])
        self.humble_verbs = _strings(params, "humble_verbs", where, [])
        self.causative = _strings(params, "causative", where, ["せる", "させる"])
        self.receive = _strings(params, "receive", where, ["いただく", "頂く"])
        self.messages = {key: take(params, f"message_{key}", str, where) for key in ("become", "respect", "humble")}

    # ------------------------------------------------------------------ shapes
    def _lemma(self, t: Token) -> set[str]:
        return {t.dictionary, t.normalized}

    def _respectful_aux(self, t: Token | None) -> bool:
        return t is not None and t.pos[0] == "助動詞" and bool(self._lemma(t) & self.respectful)

    def _verb_like(self, t: Token) -> bool:
        if t.pos[0] == "動詞":
            return t.pos[5].startswith("連用形")
        if t.pos[0] != "名詞":
            return False
        return t.pos[2] == "サ変可能" or bool(_KANA_END.search(t.surface))

    def _prefixed_start(self, tokens: list[Token], ni: int) -> int | None:
        """Index where the お/ご word before ``tokens[ni]`` (= に) begins, or None."""
        for back in (1, 2, 3):
            i = ni - back
            if i < 0:
                return None
            t = tokens[i]
            if t.pos[0] == "接頭辞" and t.surface in self.prefixes:
                content = tokens[i + 1 : ni]
                return i if content and all(self._verb_like(c) for c in content) else None
            if back == 1 and t.surface[:1] in self.prefixes and len(t.surface) > 1 and t.pos[0] == "名詞":
                return i  # ご覧, 御覧: the prefix is part of the word
            if not self._verb_like(t):
                return None
        return None

    def _become(self, tokens: list[Token], k: int) -> tuple[int, int] | None:
        t = tokens[k]
        if t.pos[0] != "動詞" or not self._lemma(t) & self.become or k < 2:
            return None
        if not self._respectful_aux(tokens[k + 1] if k + 1 < len(tokens) else None):
            return None
        if tokens[k - 1].surface != "に" or tokens[k - 1].pos[0] != "助詞":
            return None
        start = self._prefixed_start(tokens, k - 1)
        return (start, k + 1) if start is not None else None

    def _respect(self, tokens: list[Token], k: int) -> tuple[int, int] | None:
        t = tokens[k]
        if t.pos[0] != "動詞" or not self._lemma(t) & self.respect_verbs:
            return None
        if not self._respectful_aux(tokens[k + 1] if k + 1 < len(tokens) else None):
            return None
        start = k - 1 if k and tokens[k - 1].pos[0] == "接頭辞" else k
        return start, k + 1

    def _humble(self, tokens: list[Token], k: int) -> tuple[int, int] | None:
        t = tokens[k]
        if not self._lemma(t) & self.humble_verbs or t.pos[0] not in ("動詞", "名詞"):
            return None
        j = k + 1
        if j < len(tokens) and tokens[j].dictionary == "する":
            j += 1
        if not (j < len(tokens) and tokens[j].pos[0] == "助動詞" and self._lemma(tokens[j]) & self.causative):
            return None
        j += 1
        if j < len(tokens) and tokens[j].surface in ("て", "で"):
            j += 1
        if not (j < len(tokens) and self._lemma(tokens[j]) & self.receive):
            return None
        start = k - 1 if k and tokens[k - 1].pos[0] == "接頭辞" else k
        return start, j

    # ------------------------------------------------------------------ matcher
    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        doc = ctx.doc
        findings: list[Finding] = []
        # Every shape starts at a verb whose lemma is listed: other tokens start none.
        heads = set().union(self.become, self.respect_verbs, self.humble_verbs)
        for sentence in doc.sentences:
            tokens = sentence.tokens
            k = 0
            while k < len(tokens):
                t = tokens[k]
                if t.dictionary not in heads and t.normalized not in heads:
                    k += 1
                    continue
                for key, shape in (("become", self._become), ("respect", self._respect), ("humble", self._humble)):
                    hit = shape(tokens, k)
                    if hit is None:
                        continue
                    start, end = tokens[hit[0]].begin, tokens[hit[1]].end
                    if doc.in_quote(start, end):
                        continue
                    findings.append(Finding(start, end, self._message(key, doc.text[start:end])))
                    k = hit[1]
                    break
                k += 1
        return findings

    def _message(self, key: str, phrase: str) -> str | None:
        template = self.messages.get(key)
        return template.format(phrase=phrase) if template else None
