"""``jargon``: technical terms a customer cannot read, unless the draft explains them.

A term counts as explained, for that use and every later one, when:

- plain words in parentheses follow it: マルウェア（パソコンに不正な動作をさせるプログラム）;
- it stands in parentheses right after plain words: 元に戻せない形に変換（ハッシュ化）;
- it is introduced as a definition: ランサムウェアとは、… / ランサムウェアと呼ばれる…
  / …するウイルス、いわゆるランサムウェア;
- it is in the subject or a heading, and the body explains it anywhere (a title has no
  room for an explanation);
- a glossary line defines it (``WAF：不正な通信を遮断する仕組み``, ``※WAF…``, also for a
  compound the term heads: ``※フォレンジック調査：…``): that explains every use in the
  draft, earlier ones included, and the terms the explanation itself uses are not
  asked to be explained again.

"Plain words" means text with hiragana (or at least four kanji) that is not itself a
listed term: クロスサイトスクリプティング（XSS） explains nothing. Terms come from
lexicons (``lexicons``), ``terms`` and ``regex`` (CVE-2024-12345); Latin-letter terms match regardless of case and
only as whole words, in half or full width (WAF, ＷＡＦ); ウェ/ウエ and ィ/イ spellings are
both found.
"""

from __future__ import annotations

import re
from typing import Any

from owabilint.errors import RuleError
from owabilint.matchers.base import Finding, LintContext, Matcher, take
from owabilint.matchers.patterns import Literals, PatternTerms
from owabilint.matchers.regex import patterns_untrusted

_OPEN, _CLOSE = "（(", "）)"
# Compiled by re's own cache at first use: only drafts with a term need them.
_HIRAGANA = r"[\u3041-\u309f]"
_KANJI = r"[\u4e00-\u9fff]"
_JAPANESE_END = r"[\u3041-\u30ff\u4e00-\u9fff]\s*$"
_DEFINITION_AFTER = r"^\s*(?:とは|(?:と呼ばれる|と呼ばれている|つまり|すなわち)[、,])\s*[^。]{6,}"
_DEFINITION_BEFORE = r"[\u3041-\u30ff\u4e00-\u9fff]{3,}[、,]?\s*(?:いわゆる|通称)\s*$"
_PAREN_BEFORE = r"[（(]\s*(?:いわゆる|通称|以下)?[、,]?\s*[「『]?\s*$"
# The term may head a compound inside the parentheses: 第三者機関（フォレンジック調査会社）.
_COMPOUND_TAIL = r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{0,6}"
_PAREN_AFTER = rf"^{_COMPOUND_TAIL}\s*[」』]?\s*[）)]"
_GLOSSARY_LINE = r"^\s*(?:(?:※|\*|＊|注)[0-9０-９]*[:：.．)）]?\s*|[・\-]\s*)?$"
_GLOSSARY_AFTER = rf"^{_COMPOUND_TAIL}\s*(?:[:：]|とは)\s*\S"
# Full-width Latin letters, digits and brackets → ASCII, one code point for one, so
# ＷＡＦ and （…） are read like WAF and (…) and offsets stay valid.
_FULLWIDTH_ASCII = re.compile("[\uff01-\uff5e]")


def _halfwidth(text: str) -> str:
    """Full-width ASCII as ASCII (same length): the few such characters of a draft are
    replaced instead of str.translate visiting every character."""
    return _FULLWIDTH_ASCII.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


_SMALL_KANA = {"ェ": "[ェエ]", "ィ": "[ィイ]", "ォ": "[ォオ]", "ー": "ー?"}


def _term_regex(term: str) -> str:
    if term.isascii():
        return rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z])"
    out = []
    # A run of 「ー」 becomes one bounded repeat (ー{0,3}), not ー?ー?ー?: optional marks
    # in a row can match the same text in many ways, and a failing match tries them all.
    for m in re.finditer(r"ー+|.", term, re.DOTALL):
        piece = m.group()
        out.append(f"ー{{0,{len(piece)}}}" if piece[0] == "ー" else _SMALL_KANA.get(piece, re.escape(piece)))
    body = "".join(out)
    if term[0].isascii():
        body = rf"(?<![A-Za-z0-9]){body}"
    return body


class JargonMatcher(Matcher):
    kind = "jargon"

    def __init__(self, params: dict[str, Any], where: str, lexicons: dict[str, list[str]]) -> None:
        super().__init__(params, where, lexicons)
        terms = list(take(params, "terms", list, where, []))
        # (origin, terms) in the order written, for patterns(): "terms" or "lexicon:NAME".
        self.literals: list[tuple[str, tuple[str, ...]]] = [("terms", tuple(terms))] if terms else []
        for name in take(params, "lexicons", list, where, []):
            if name not in lexicons:
                raise RuleError(f"{where}.lexicons: 不明な語彙 {name!r} です")
            terms.extend(lexicons[name])
            self.literals.append((f"lexicon:{name}", tuple(lexicons[name])))
        if not terms:
            raise RuleError(f"{where}: jargon には terms か lexicons が必要です")
        ordered = sorted(set(terms), key=len, reverse=True)
        extra = [source for source in take(params, "regex", list, where, [])]
        if extra and patterns_untrusted():
            # The matcher joins its regexes into one Python pattern, which RE2 cannot check.
            raise RuleError(
                f"{where}.regex: ルールパックの jargon では使えません。"
                "terms か lexicons を使うか、正規表現は phrase で書いてください"
            )
        try:
            self.singles = [(re.compile(source, re.IGNORECASE), source) for source in extra]
            self.singles += [(re.compile(_term_regex(t), re.IGNORECASE), t) for t in ordered]
        except re.error as exc:
            raise RuleError(f"{where}.regex: 正規表現として使えません: {exc}") from None
        self.pattern = re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in self.singles), re.IGNORECASE)
        self.message = take(params, "message", str, where)
        self.extra = tuple(extra)
        self._literals, self._rest = _necessary_parts(self.singles, len(extra))

    def patterns(self) -> list[PatternTerms]:
        """The listed terms (matched as words, in either width) and the ``regex`` entries."""
        return [PatternTerms("", literals=tuple(Literals(*pair) for pair in self.literals), regexes=self.extra)]

    def _may_occur(self, text: str) -> bool:
        """False when no term can match anywhere in ``text``: a draft without jargon (the
        common case) skips the line-by-line search with the large pattern."""
        caseless = _caseless(text)
        if any(literal in caseless for literal in self._literals):
            return True
        return self._rest is not None and self._rest.search(text) is not None

    def _key(self, text: str) -> str:
        """The listed term a match stands for (ランサムウエア → ランサムウェア)."""
        return next((term for rx, term in self.singles if rx.fullmatch(text)), text.casefold())

    def _is_term(self, text: str) -> bool:
        m = self.pattern.fullmatch(text.strip())
        return m is not None

    def _ends_with_term(self, text: str) -> bool:
        return any(m.end() == len(text) for m in self.pattern.finditer(text))

    def _plain_words(self, text: str) -> bool:
        if self._is_term(text):
            return False
        return bool(re.search(_HIRAGANA, text)) or len(re.findall(_KANJI, text)) >= 4

    # ------------------------------------------------------------------ explanations
    def _explained_here(self, text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
        after = text[end:line_end]
        before = text[line_start:start]
        stripped = after.lstrip()
        if stripped[:1] in _OPEN:
            inner = _paren_content(stripped)
            if inner is not None and self._plain_words(inner):
                return True
        opening = re.search(_PAREN_BEFORE, before)
        if opening and re.match(_PAREN_AFTER, after):
            outside = before[: opening.start()].rstrip()
            if re.search(_JAPANESE_END, outside) and not self._ends_with_term(outside):
                return True
        return bool(re.match(_DEFINITION_AFTER, after) or re.search(_DEFINITION_BEFORE, before))

    def _glossary(self, text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
        return bool(re.match(_GLOSSARY_LINE, text[line_start:start]) and re.match(_GLOSSARY_AFTER, text[end:line_end]))

    def find(self, ctx: LintContext, options: dict[str, Any]) -> list[Finding]:
        doc = ctx.doc
        text = _halfwidth(doc.text)
        if not self._may_occur(text):
            return []
        hits: list[tuple[int, int, str, bool]] = []
        explained_from: dict[str, int] = {}
        for line in doc.lines:
            glossary_line = False  # the rest of a glossary line is the explanation itself
            for m in self.pattern.finditer(text, line.start, line.end):
                start, end = m.span()
                if doc.in_quote(start, end) or doc.in_url_or_email(start, end) or glossary_line:
                    continue
                key = self._key(m.group())
                if self._glossary(text, start, end, line.start, line.end):
                    explained_from[key] = -1
                    glossary_line = True
                elif self._explained_here(text, start, end, line.start, line.end):
                    explained_from.setdefault(key, start)
                else:
                    hits.append((start, end, key, line.role in ("subject", "heading")))
        findings = []
        for start, end, key, title in hits:
            if key in explained_from and (title or explained_from[key] < start):
                continue  # a title has no room for an explanation: the body's counts
            message = self.message.format(term=doc.text[start:end]) if self.message else None
            findings.append(Finding(start, end, message))
        return findings


_VARIANTS = {"ェ": ("ェ", "エ"), "ィ": ("ィ", "イ"), "ォ": ("ォ", "オ"), "ー": ("ー", "")}
_MAX_VARIANT_CHARS = 5  # at most 2⁵ = 32 listed spellings per term
# Characters other than A-Z that IGNORECASE matches to a-z (checked over all of Unicode).
_IGNORECASE_ODD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _caseless(text: str) -> str:
    """``text`` with every character that IGNORECASE matches to a Latin letter spelled
    as that lowercase letter (other characters keep or change their own case)."""
    return text.translate(_IGNORECASE_ODD).lower()


def _literal_forms(term: str) -> tuple[str, ...]:
    """Spellings of which ``_caseless`` of every match of ``term``'s regex contains one:
    its longest run without non-Latin cased letters, lowercased, with each small kana or
    long vowel in the forms the regex allows. Empty when a form would be shorter than two."""
    runs: list[str] = []
    run = ""
    for ch in term:
        if ch.isascii() and ch.isalpha():
            run += ch.lower()
        elif ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch:
            runs.append(run)
            run = ""
        else:
            run += ch
    runs.append(run)
    best: tuple[str, ...] = ()
    for run in runs:
        if not term.isascii() and sum(ch in _VARIANTS for ch in run) > _MAX_VARIANT_CHARS:
            # Too many spellings to list (2 per small kana or 「ー」): the longest stretch
            # without such a character is in every spelling.
            run = max(re.split(f"[{''.join(_VARIANTS)}]", run), key=len)
        forms = [""]
        for ch in run:
            choices = (ch,) if term.isascii() else _VARIANTS.get(ch, (ch,))
            forms = [f + c for f in forms for c in choices]
        shortest = min(len(f) for f in forms)
        if shortest >= 2 and (not best or shortest > min(len(f) for f in best)):
            best = tuple(dict.fromkeys(forms))
    return best


def _necessary_parts(
    singles: list[tuple[re.Pattern[str], str]], n_regex: int
) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """Literals of which ``_caseless`` of a match holds one, and a pattern for the regexes
    and terms without: a text with neither holds no term (see ``JargonMatcher._may_occur``)."""
    literals: list[str] = []
    rest: list[str] = []
    for i, (rx, source) in enumerate(singles):
        forms = () if i < n_regex else _literal_forms(source)
        if forms:
            literals.extend(forms)
        else:
            rest.append(f"(?:{rx.pattern})")
    return tuple(dict.fromkeys(literals)), re.compile("|".join(rest), re.IGNORECASE) if rest else None


def _paren_content(text: str) -> str | None:
    """The text inside the parenthesis that opens ``text`` (nesting respected)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return text[1:i]
    return None
