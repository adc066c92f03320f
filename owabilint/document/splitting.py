"""Sentences of a draft: hard-wrapped lines joined, a 。 inside 「」 or （） kept, headings opening sections."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from owabilint.document.layout import (
    BLANK,
    HEADING,
    LIST,
    PLAIN,
    TERMINALS,
    Line,
    LineRole,
    fills_wrap_width,
    starts_row,
)
from owabilint.document.sentence import Sentence

if TYPE_CHECKING:
    from owabilint.document.model import Document

_CLOSERS = "」』）)】〕"
# ![alt](src) is a Markdown image; a full-width ．between letters is a mistyped dot of an
# address (info＠example．co．jp), not the end of a sentence.
# One mark is written as a branch of single characters so that the regex engine skips to
# the next candidate character instead of trying the pattern at every position (2× faster).
_END_MARK = r"(?:[。！？?]|．(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])|!(?!\[))"
_FIRST_END_MARK = r"(?:。|！|？|\?|．(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])|!(?!\[))"
_SENTENCE_END = re.compile(rf"{_FIRST_END_MARK}{_END_MARK}*[{_CLOSERS}]*")
_BRACKET = re.compile("[「」（()）]")
_SALUTATION_END = re.compile(r"(?:様|各位|御中|殿|様へ)\s*$")
# A line after a salutation goes on the sentence only when it starts with a particle.
_PARTICLE_START = re.compile(r"^\s*(?:から|より|には|にも|(?:に|の|が|を|へ|と|は|も|や)(?![\u3041-\u309f]))")
_CONTINUES_NEXT = re.compile(r"[\u3041-\u309f、，,「（(]\s*$")
_CONTINUATION_START = re.compile(r"^\s*[がをにのでとはもへやかまよいし]")
_WORD_CHAR = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3041-\u30ff\u4e00-\u9fff]")
_LINE_START_FORBIDDEN = "。、，．）」』"
# A polite predicate that ends a sentence, written without its 。
_POLITE_END = re.compile(r"(?:ました|ます|です|でした|ません|ございます)\s*$")


def split_sentences(doc: Document) -> list[Sentence]:
    """The sentences of ``doc`` in order, each knowing the heading it stands under."""
    sentences: list[Sentence] = []
    lines = doc.lines
    paragraph = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.role == BLANK:
            paragraph += 1
            i += 1
            continue
        group = [line]
        while (
            line.role in ("plain", "list")
            and i + 1 < len(lines)
            and lines[i + 1].role == PLAIN
            and _continues(doc, line, lines[i + 1])
        ):
            i += 1
            line = lines[i]
            group.append(line)
        _split_group(doc, group, sentences, paragraph)
        i += 1
    section = None
    for s in sentences:
        if s.role == HEADING:
            section = s.index
            s.section = None
        else:
            s.section = section
    return sentences


def _continues(doc: Document, line: Line, nxt: Line) -> bool:
    """Whether a hard-wrapped ``line`` goes on in ``nxt`` (same sentence)."""
    body = doc.text[line.start : line.end].rstrip()
    if not body or body[-1] in TERMINALS or body[-1] in _CLOSERS and body[-2:-1] in tuple(TERMINALS):
        return False
    if line.number in doc.title_lines:
        return False
    nxt_text = doc.text[nxt.start : nxt.end]
    if starts_row(body) and starts_row(nxt_text):
        return False  # timeline rows (4月3日　…検知した / 4月4日　…), not a wrapped sentence
    if _SALUTATION_END.search(body):
        return bool(_PARTICLE_START.match(nxt_text))
    if _SALUTATION_END.search(nxt_text.rstrip()) and len(nxt_text.strip()) <= 40:
        return False  # a title or address line followed by "お客様各位"
    if nxt_text.lstrip()[:1] in _LINE_START_FORBIDDEN:
        return True  # 。、」 never start a line of their own: the wrap came too early
    if fills_wrap_width(doc, body) and _WORD_CHAR.match(body[-1]) and _WORD_CHAR.match(nxt_text.lstrip()[:1]):
        return True  # wrapped at a fixed width, even inside a word (誤 / って)
    if line.role == LIST:
        return body[-1] in "、，,「（("  # a list item goes on only when it visibly breaks off
    if _POLITE_END.search(body) and not _CONTINUATION_START.match(nxt_text):
        return False  # a sentence whose 。 was left out (…確認できました / 本人が…)
    return bool(_CONTINUES_NEXT.search(body) or _CONTINUATION_START.match(nxt_text))


def _split_group(doc: Document, group: list[Line], out: list[Sentence], paragraph: int) -> None:
    text = doc.text
    role = group[0].role
    pieces: list[tuple[int, int]] = []
    for ln in group:
        start, end = ln.start, ln.end
        while start < end and text[start] in " \t\u3000":
            start += 1
        while end > start and text[end - 1] in " \t\u3000":
            end -= 1
        if start < end:
            pieces.append((start, end))
    current: list[tuple[int, int]] = []
    depth = 0  # 「 nesting: a 。 inside a quotation does not end the sentence
    for start, end in pieces:
        seg_start = start
        scanned = start
        parens = 0  # （ nesting on this line: (以下「A社」という。) is part of the sentence
        # Without brackets on the line, depth and parens stay as they are: nothing to count.
        brackets = _BRACKET.search(text, start, end) is not None
        last_close = max(text.rfind("）", start, end), text.rfind(")", start, end)) if brackets else -1
        for m in _SENTENCE_END.finditer(text, start, end):
            mark_start, mark_end = m.span()
            if brackets:
                between = text[scanned:mark_start]
                depth = max(0, depth + between.count("「") - between.count("」"))
                opened = between.count("（") + between.count("(")
                closed = between.count("）") + between.count(")")
                parens = max(0, parens + opened - closed)
            scanned = mark_end
            if depth:
                depth = max(0, depth - m.group().count("」"))
                continue
            if parens and last_close >= mark_start:  # the parenthesis closes later on this line
                mark = m.group()
                parens = max(0, parens - mark.count("）") - mark.count(")"))
                continue
            parens = 0
            current.append((seg_start, mark_end))
            _emit(doc, current, role, out, paragraph)
            current = []
            seg_start = mark_end
            while seg_start < end and text[seg_start] in " \t\u3000":
                seg_start += 1
        if brackets:
            tail = text[scanned:end]
            depth = max(0, depth + tail.count("「") - tail.count("」"))
        if seg_start < end:
            current.append((seg_start, end))
    if current:
        _emit(doc, current, role, out, paragraph)


def _emit(doc: Document, segments: list[tuple[int, int]], role: LineRole, out: list[Sentence], paragraph: int) -> None:
    segments = [(s, e) for s, e in segments if e > s]
    if not segments:
        return
    line = bisect.bisect_right(doc.line_starts, segments[0][0])  # 1-based: as doc.position's line
    out.append(Sentence(len(out), tuple(segments), role, line, None, paragraph, doc))
