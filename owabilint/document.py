"""The document model: lines, sentences, sections and tokens of one draft, computed once.

Offsets everywhere are code-point indices into ``Document.text``. The text is never
rewritten: CRLF stays CRLF, so a position we report is a position in the user's file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from owabilint.textwidth import text_width
from owabilint.tokenizer import Token, tokenize

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TERMINALS = "。．！？!?"
_CLOSERS = "」』）)】〕"
# ![alt](src) is a Markdown image; a full-width ．between letters is a mistyped dot of an
# address (info＠example．co．jp), not the end of a sentence.
_SENTENCE_END = re.compile(rf"(?:[。！？?]|．(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])|!(?!\[))+[{_CLOSERS}]*")

SUBJECT_LINE = re.compile(r"^\s*(?:件名|Subject|subject|SUBJECT)\s*[:：]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
# A bracketed label may carry a parenthetical note: 【対象となる情報】（合計 120 件）.
_MARK_HEADING = re.compile(
    r"^\s*(?:[■□◆◇▼▽▶▷●○◎★☆]\s*\S|(?:【[^】]{1,30}】|[＜〈《<‹][^＞〉》>›]{1,30}[＞〉》>›])\s*(?:[（(](?:[^（()）]|[（(][^（()）]{0,10}[）)]){1,40}[）)])?\s*$)"
)
# The mark before a marked heading: "▶令和7年2月3日(月)" is a timeline date under it.
_HEADING_MARK = re.compile(r"^\s*[■□◆◇▼▽▶▷●○◎★☆]\s*")
_KANJI_NUM_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十\d０-９]{1,3}[章節項]|[一二三四五六七八九十]{1,3}[、．.])\s*\S"
)
# "1 概要" / "２　原因": a number and a space before a short label, no sentence end.
_SPACED_NUM_HEADING = re.compile(r"^\s*(?:\d{1,2}|[０-９]{1,2})[ \u3000]+[^\s。．！？!?]{1,28}$")
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}|[０-９]{1,2})[.．)）]\s*\S|^\s*[（(](?:\d{1,2}|[０-９]{1,2})[)）]\s*\S|^\s*[①-⑳]"
)
# What a numbered line holds when it is an item, not a heading: a count closing the
# line or opening its details ("…の情報 28,001件(…"; not "1. 3件の事案"), or an
# enumeration of two or more things ("(会員ID、店舗名、…").
_ITEM_CONTENT = re.compile(
    r"(?<![\d,])\d[\d,]{0,15}\s{0,2}(?:件|名|人|世帯|社)\s{0,2}(?:[（(]|$)|[^、]{1,40}、[^、]{1,40}、"
)
# The number that opens a numbered line: "(2)", "２．", "3)".
_ITEM_NUMBER = re.compile(r"^\s*(?:[（(](?:\d{1,2}|[０-９]{1,2})[)）]|(?:\d{1,2}|[０-９]{1,2})[.．)）])\s*")
# Bullets, and the katakana item letters of official documents ("ア 入院患者の氏名",
# "イ　送信した直後に…"): a letter, then a space, then the item.
_BULLET = re.compile(r"^\s*(?:[・･•‧◦]|[-*+](?=\s)|[アイウエオカキクケコ][ \u3000]+(?=\S))")
_FIELD = re.compile(r"^\s*[^\s、。：:]{1,14}\s*[：:]\s*\S")
_SALUTATION_END = re.compile(r"(?:様|各位|御中|殿|様へ)\s*$")
# A line after a salutation goes on the sentence only when it starts with a particle.
_PARTICLE_START = re.compile(r"^\s*(?:から|より|には|にも|(?:に|の|が|を|へ|と|は|も|や)(?![\u3041-\u309f]))")
_CONTINUES_NEXT = re.compile(r"[\u3041-\u309f、，,「（(]\s*$")
_CONTINUATION_START = re.compile(r"^\s*[がをにのでとはもへやかまよいし]")
_SIGNATURE_LINE_CHARS = 60
# Hard wrapping: lines of prose broken at a fixed display width (full-width = 2 columns).
_MIN_WRAP_WIDTH = 40
_WRAP_SLACK = 8  # a wrapped line may stop a few columns short (a half-width run, a kinsoku rule)
_WORD_CHAR = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3041-\u30ff\u4e00-\u9fff]")
_LINE_START_FORBIDDEN = "。、，．）」』"
# A polite predicate that ends a sentence, written without its 。
_POLITE_END = re.compile(r"(?:ました|ます|です|でした|ません|ございます)\s*$")
# How a notice's title ends: 「…について」「…に関するお詫び」「…のご報告とお詫び」「…の件」,
# optionally followed by a bracketed note (「（第2報）」「(総務課)」).
_TITLE_END = re.compile(
    r"(?:について|に関して|に関する(?:お詫び|おわび|ご報告|報告|お知らせ|ご案内|ご連絡)|お詫び|おわび|ご報告|報告"
    r"|お知らせ|ご案内|ご連絡|お願い|の件)"
    r"(?:\s*[（(【［\[][^）)】］\]]{1,20}[）)】］\]])?$"
)
_TITLE_MAX_CHARS = 60
# How the first sentence of a letter opens, never a title: このたびの件について / お詫び…
_OPENS_PROSE = re.compile(r"^(?:このたび|この度|今般|先般|先日|さて|平素|拝啓|謹啓|前略|本日|昨日)")
# Lines that may stand above a title: a date, an addressee, an issuer, a 【重要】 tag,
# the first half of a wrapped title.
_ABOVE_TITLE_MAX_CHARS = 60
# How the first sentence of a letter opens, never a title: このたびの件について / お詫び…
_OPENS_PROSE = re.compile(r"^(?:このたび|この度|今般|先般|先日|さて|平素|拝啓|謹啓|前略|本日|昨日)")
# A bare line that names a section ("経緯", "今後の対策", "流出した情報について"): it is a
# heading when it stands after a blank line (or first) and text follows it directly.
_BARE_HEADING = re.compile(
    r"^[^、。．！？!?「」：:]{0,24}?"
    r"(?:概要|経緯|経過|原因|理由|情報|項目|内容|対象|範囲|件数|人数|影響|被害|対策|対応|防止策|再発防止|取り組み|取組"
    r"|お願い|お問い合わせ|お問合せ|問い合わせ先|問合せ先|連絡先|窓口|日時|期間|状況|今後|措置|経緯と原因)"
    r"(?:について|に関して|等|など|の(?:内容|詳細|状況|概要))?$"
)
# "[期間]" / "［対象］" alone on a line, the content on the lines under it: a section
# label in square brackets (a slot such as "[会社名]" names no part of a notice).
_SQUARE_LABEL_LINE = re.compile(r"^[\[［]([^\]］]{1,24})[\]］]$")
_ROW_START = re.compile(
    r"^\s*(?:午前|午後)?(?:(?:\d{4}|[０-９]{4}|(?:令和|平成)\S{1,2})年\s*)?(?:\d{1,2}|[０-９]{1,2})(?:月\s*(?:\d{1,2}|[０-９]{1,2})日|[:：時])"
    r"|^\s*\d{1,4}[/／]\d{1,2}"
)
# A line that is only a date (and a weekday, a time): the head of a timeline entry.
_DATE_ROW = re.compile(
    r"^(?:(?:\d{4}|[０-９]{4}|(?:令和|平成)(?:\d{1,2}|[０-９]{1,2}|元))\s*年\s*(?:[（(][^)）]{1,8}[)）])?\s*)?"
    r"(?:(?:\d{1,2}|[０-９]{1,2}|同)\s*月\s*(?:\d{1,2}|[０-９]{1,2})\s*日|同日|翌日)\s*(?:[（(][^)）]{1,8}[)）])?"
    r"[\s\d０-９:：時分頃午前後〜～-]*$"
)
# A note line: ※ / ＊ / 注 / (注) before the remark.
_NOTE_LINE = re.compile(r"^\s*(?:※|＊|\*(?!\*)|注[:：\s]|[（(]注[0-9０-９]*[)）])")
# 「Bcc」 「個人情報保護委員会」 「ABCオンラインショップ」: a name or a term, not speech.
_QUOTED_TERM = re.compile(r"「[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u30a1-\u30fa\u30fc\u4e00-\u9fff・＆&\-ー]{1,20}」")
# What changes the quotation depth: brackets, and a blank line (two line breaks in a row).
# A list of items in brackets (「番号、氏名、住所、電話番号(使用者)」) names things, like a
# single term: short nouns (each may carry a parenthetical note) joined by 、.
_LIST_TERM = r"[^「」、。，,\s（()）]{0,14}[^「」、。，,\s（()）\u3041-\u309f](?:[（(][^「」（()）。]{1,15}[）)])?"
_QUOTED_LIST = re.compile(rf"「(?:{_LIST_TERM}[、，,]){{1,15}}{_LIST_TERM}」")
_QUOTE_EVENT = re.compile(r"[「」]|(?:\r\n|\r(?!\n)|\n){2}")
_URL = re.compile(r"https?://[^\s<>\"'「」（）()、。]+|www\.[^\s<>\"'「」（）()、。]+")
# Starts only where a run of address characters starts: linear on a long run without "@".
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line break
    kind: str  # blank | subject | heading | list | field | plain


@dataclass(eq=False)
class Sentence:
    """A sentence: one or more pieces of lines (hard-wrapped mail joins lines)."""

    index: int
    segments: tuple[tuple[int, int], ...]
    kind: str  # subject | heading | list | field | plain
    line: int  # 1-based line of the first character
    section: int | None = None  # index of the heading sentence this one is under
    paragraph: int = 0
    _doc: Document | None = field(default=None, repr=False)
    # Answers to questions rules ask about this sentence (see Pattern.matches).
    memo: dict = field(default_factory=dict, repr=False)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @cached_property
    def text(self) -> str:
        """The sentence with line breaks removed (hard-wrapped lines joined)."""
        assert self._doc is not None
        return "".join(self._doc.text[s:e] for s, e in self.segments)

    @cached_property
    def offsets(self) -> list[int]:
        """Document offset of each character of ``text``."""
        out: list[int] = []
        for s, e in self.segments:
            out.extend(range(s, e))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document span of ``text[start:end]``."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.end
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached_property
    def tokens(self) -> list[Token]:
        assert self._doc is not None
        return tokenize(_safe_for_sudachi(self.text), offsets=self.offsets)

    @cached_property
    def folded(self) -> FoldedText:
        return FoldedText.from_tokens(self.tokens)

    @property
    def heading(self) -> Sentence | None:
        if self.section is None or self._doc is None:
            return None
        return self._doc.sentences[self.section]

    @property
    def lead(self) -> Sentence | None:
        """The sentence that introduces this one (None when there is none).

        For a list item: the sentence before the list ("以下の対策を実施します。"), in
        the same paragraph or the one just before it. For a plain sentence: the
        sentence before it in the same paragraph.
        """
        if self._doc is None or self.index == 0:
            return None
        sentences = self._doc.sentences
        if self.kind == "list":
            i = self.index - 1
            while i >= 0 and sentences[i].kind == "list":
                i -= 1
            if i < 0 or sentences[i].kind in ("heading", "subject"):
                return None
            return sentences[i] if self.paragraph - sentences[i].paragraph <= 1 else None
        if self.kind == "plain":
            prev = sentences[self.index - 1]
            if prev.kind == "plain" and prev.paragraph == self.paragraph:
                return prev
        return None

    @property
    def context_sentences(self) -> list[Sentence]:
        """The heading and the lead sentence this sentence is read under.

        A timeline date on a line of its own ("4月3日（木）") is read with the entries
        under it: it says when they happened.
        """
        return [s for s in (self.heading, self.lead) if s is not None] + self.dated_entries

    @cached_property
    def is_note(self) -> bool:
        """A remark beside the text: on a ※ / 注 line, or wholly in parentheses."""
        assert self._doc is not None
        if _NOTE_LINE.match(self._doc.line_text(self.line)):
            return True
        text = self.text.strip()
        return text[:1] in "（(" and text[-1:] in "）)"

    @cached_property
    def is_date_row(self) -> bool:
        """A date on a line of its own, or a list item that starts with a date."""
        if self.kind == "list":
            unmarked = _HEADING_MARK.sub("", _BULLET.sub("", self.text, count=1), count=1)
            return bool(_ROW_START.match(unmarked))
        if self.kind == "heading":  # "(2)令和5年5月23日(火)18時頃": a numbered timeline date
            return bool(_DATE_ROW.match(_ITEM_NUMBER.sub("", self.text, count=1)))
        return bool(_DATE_ROW.match(self.text))

    @cached_property
    def dated_entries(self) -> list[Sentence]:
        """For a timeline date: the entries it heads.

        The entries are the rest of the date's paragraph or, when the date stands
        alone, the next paragraph, up to the next date or heading. Only inside the body
        (after a sentence of prose) and only in a timeline: the date is a list item,
        another date row comes before or after it, or the entries are list items. A
        date line above the body is the issue date, not the day of an event.
        """
        doc = self._doc
        if doc is None or not self.is_date_row:
            return []
        first_prose, rows = doc.timeline_landmarks
        if first_prose is None or first_prose > self.index:
            return []
        sentences = doc.sentences
        entries: list[Sentence] = []
        next_row = False
        for s in sentences[self.index + 1 :]:
            if s.is_date_row:
                next_row = True
                break
            if s.kind in ("heading", "subject"):
                break
            if s.paragraph != (entries[-1].paragraph if entries else s.paragraph):
                break
            if not entries and s.paragraph - self.paragraph > 1:
                break
            entries.append(s)
        timeline = next_row or self.kind == "list" or rows[0] < self.index
        if not entries or not (timeline or entries[0].kind == "list"):
            return []
        return entries


@dataclass(slots=True)
class FoldedText:
    """Sentence text spelled with Sudachi normalized forms, mapped back to offsets."""

    text: str
    begins: list[int]
    ends: list[int]

    @classmethod
    def from_tokens(cls, tokens: list[Token]) -> FoldedText:
        parts: list[str] = []
        begins: list[int] = []
        ends: list[int] = []
        for t in tokens:
            piece = t.fold
            parts.append(piece)
            if len(piece) == t.end - t.begin:
                begins.extend(range(t.begin, t.end))
                ends.extend(range(t.begin + 1, t.end + 1))
            else:
                begins.extend([t.begin] * len(piece))
                ends.extend([t.end] * len(piece))
        return cls("".join(parts), begins, ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.begins[start], self.begins[start]
        return self.begins[start], self.ends[end - 1]


def _count_any(text: str, chars: str) -> int:
    return sum(text.count(c) for c in chars)


def _safe_for_sudachi(text: str) -> str:
    """Replace lone surrogates (which cannot cross into Rust) without moving offsets."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def classify_line(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return "blank"
    if SUBJECT_LINE.match(text):
        return "subject"
    if _MARK_HEADING.match(text) and _DATE_ROW.match(_HEADING_MARK.sub("", stripped, count=1)):
        return "list"  # "▶令和7年2月3日(月)": a marked timeline date heads the entries under it
    if _MD_HEADING.match(text) or _MARK_HEADING.match(text) or _KANJI_NUM_HEADING.match(text):
        return "heading"
    if _SPACED_NUM_HEADING.match(text):
        return "heading"
    if _BULLET.match(text):
        return "list"
    if _NUMBERED.match(text):
        short = len(stripped) <= 30 and stripped[-1] not in _TERMINALS
        if _ITEM_CONTENT.search(stripped):
            return "list"  # a count or an enumeration is content, not a section name
        return "heading" if short and not _FIELD.match(re.sub(r"^\s*\S+\s*", "", text)) else "list"
    if _FIELD.match(text) and not stripped.endswith("。"):
        return "field"
    return "plain"


class Document:
    """A decoded draft and everything the rules need to know about its text."""

    def __init__(
        self,
        text: str,
        *,
        format: str = "text",
        path: str = "<text>",
        line_kinds: dict[int, str] | None = None,
        links: list[tuple[int, int, str]] | None = None,
        code: list[tuple[int, int]] | None = None,
    ) -> None:
        """``text`` is what the rules read, as its input format built it (owabilint.inputs):
        ``line_kinds`` (1-based line → heading | list | field) is how the input's own
        markup reads a line, ``links`` are links whose targets were masked ((start, end)
        of the link text, URL), ``code`` the spans that are code (a comment there is text)."""
        self.text = text
        self.format = format  # an owabilint.inputs.formats.InputFormat
        self.path = path
        self.line_kinds = line_kinds or {}
        self.links = links or []
        self.code = code or []
        self.line_starts = [0]
        self._line_ends: list[int] = []
        for m in LINE_BREAK.finditer(text):
            self._line_ends.append(m.start())
            self.line_starts.append(m.end())
        self._line_ends.append(len(text))
        # Per-document results of rule filters (e.g. which lines hold a phone number).
        self.cache: dict[object, object] = {}

    # ----------------------------------------------------------------- positions
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        col = offset - self.line_starts[i]
        # An offset inside a CRLF pair is reported at the end of its line.
        col = min(col, self._line_ends[i] - self.line_starts[i])
        return i + 1, col + 1

    # ----------------------------------------------------------------- prefilters
    # A pattern that finds nothing here finds nothing in any single sentence, so a rule
    # can skip the per-sentence work for the whole draft (see Pattern.possible).
    @cached_property
    def sentence_texts(self) -> str:
        """The text of every sentence, one per line."""
        return "\n".join(s.text for s in self.sentences)

    @cached_property
    def folded_texts(self) -> str:
        """The folded text of every sentence, one per line."""
        return "\n".join(s.folded.text for s in self.sentences)

    @cached_property
    def token_words(self) -> frozenset[str]:
        """Surface, dictionary and normalized forms of every token of every sentence."""
        words: set[str] = set()
        for s in self.sentences:
            for t in s.tokens:
                words.add(t.surface)
                words.add(t.dictionary)
                words.add(t.normalized)
        return frozenset(words)

    @cached_property
    def content_lines(self) -> list[int]:
        """1-based numbers of the non-blank lines, in order."""
        return [ln.number for ln in self.lines if ln.kind != "blank"]

    def line_text(self, number: int) -> str:
        return self.text[self.line_starts[number - 1] : self._line_ends[number - 1]]

    @cached_property
    def lines(self) -> list[Line]:
        out = []
        for i, start in enumerate(self.line_starts):
            end = self._line_ends[i]
            out.append(Line(i + 1, start, end, classify_line(self.text[start:end])))
        for i, line in enumerate(out):
            if line.kind == "plain" and (self._bare_label(out, i) or self._square_label(out, i)):
                out[i] = Line(line.number, line.start, line.end, "heading")
        for i, line in enumerate(out):  # what the input's markup says wins (not on a blank line)
            kind = self.line_kinds.get(line.number)
            if kind is not None and line.kind != "blank":
                out[i] = Line(line.number, line.start, line.end, kind)
        return out

    def _bare_label(self, lines: list[Line], i: int) -> bool:
        """Line ``i`` names a section, stands after a blank line (or first) and text
        follows it directly."""
        return (
            (i == 0 or lines[i - 1].kind == "blank")
            and i + 1 < len(lines)
            and lines[i + 1].kind != "blank"
            and bool(_BARE_HEADING.match(self.text[lines[i].start : lines[i].end].strip()))
        )

    def _square_label(self, lines: list[Line], i: int) -> bool:
        """Line ``i`` is a section label in square brackets: it names a part of a notice
        and the next line holds content, not another bracketed slot."""
        m = _SQUARE_LABEL_LINE.match(self.text[lines[i].start : lines[i].end].strip())
        if m is None or not _BARE_HEADING.match(m.group(1).strip()) or i + 1 >= len(lines):
            return False
        following = lines[i + 1]
        after = self.text[following.start : following.end].strip()
        return following.kind != "blank" and not after.startswith(("[", "［"))

    # ----------------------------------------------------------------- sentences
    @cached_property
    def sentences(self) -> list[Sentence]:
        sentences: list[Sentence] = []
        lines = self.lines
        paragraph = 0
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.kind == "blank":
                paragraph += 1
                i += 1
                continue
            group = [line]
            while (
                line.kind in ("plain", "list")
                and i + 1 < len(lines)
                and lines[i + 1].kind == "plain"
                and self._continues(line, lines[i + 1])
            ):
                i += 1
                line = lines[i]
                group.append(line)
            self._split_group(group, sentences, paragraph)
            i += 1
        section = None
        for s in sentences:
            if s.kind == "heading":
                section = s.index
                s.section = None
            else:
                s.section = section
        return sentences

    @cached_property
    def title_lines(self) -> frozenset[int]:
        """1-based numbers of the lines that end a title at the top of the notice.

        A title is a short text without 。 that ends the way titles end (「…について」
        「…のお詫び」), above the body or below date, addressee and issuer lines; it
        may be wrapped over two lines. It stands on its own even when the body follows
        without a blank line.
        """
        found: set[int] = set()
        for line in self.lines:
            if line.kind == "blank":
                continue
            text = self.text[line.start : line.end].strip()
            if "。" in text or text[-1:] in _TERMINALS:
                break
            if (
                line.kind in ("plain", "heading")
                and len(text) <= _TITLE_MAX_CHARS
                and _TITLE_END.search(text)
                and not _OPENS_PROSE.match(text)
            ):
                found.add(line.number)
            elif len(text) > _ABOVE_TITLE_MAX_CHARS:
                break
        return frozenset(found)

    def _continues(self, line: Line, nxt: Line) -> bool:
        """Whether a hard-wrapped ``line`` goes on in ``nxt`` (same sentence)."""
        body = self.text[line.start : line.end].rstrip()
        if not body or body[-1] in _TERMINALS or body[-1] in _CLOSERS and body[-2:-1] in tuple(_TERMINALS):
            return False
        if line.number in self.title_lines:
            return False
        nxt_text = self.text[nxt.start : nxt.end]
        if _ROW_START.match(body) and _ROW_START.match(nxt_text):
            return False  # timeline rows (4月3日　…検知した / 4月4日　…), not a wrapped sentence
        if _SALUTATION_END.search(body):
            return bool(_PARTICLE_START.match(nxt_text))
        if _SALUTATION_END.search(nxt_text.rstrip()) and len(nxt_text.strip()) <= 40:
            return False  # a title or address line followed by "お客様各位"
        if nxt_text.lstrip()[:1] in _LINE_START_FORBIDDEN:
            return True  # 。、」 never start a line of their own: the wrap came too early
        if self._fills_wrap_width(body) and _WORD_CHAR.match(body[-1]) and _WORD_CHAR.match(nxt_text.lstrip()[:1]):
            return True  # wrapped at a fixed width, even inside a word (誤 / って)
        if line.kind == "list":
            return body[-1] in "、，,「（("  # a list item goes on only when it visibly breaks off
        if _POLITE_END.search(body) and not _CONTINUATION_START.match(nxt_text):
            return False  # a sentence whose 。 was left out (…確認できました / 本人が…)
        return bool(_CONTINUES_NEXT.search(body) or _CONTINUATION_START.match(nxt_text))

    @cached_property
    def wrap_width(self) -> int | None:
        """The display width the draft was hard-wrapped at, or None.

        Evidence: at least two lines that break off mid-sentence (no 。, more text
        follows) have the same width, and that width is a line's width, not a short one.
        """
        widths: list[int] = []
        lines = self.lines
        for i, line in enumerate(lines[:-1]):
            text = self.text[line.start : line.end].rstrip()
            if line.kind in ("plain", "list") and text and text[-1] not in _TERMINALS and lines[i + 1].kind == "plain":
                widths.append(text_width(text))
        counts = Counter(widths)
        wrapped = [w for w in counts if w >= _MIN_WRAP_WIDTH and counts[w - 1] + counts[w] + counts[w + 1] >= 2]
        return max(wrapped, default=None)

    def _fills_wrap_width(self, body: str) -> bool:
        width = self.wrap_width
        return width is not None and width - _WRAP_SLACK <= text_width(body) <= width + 4

    def _split_group(self, group: list[Line], out: list[Sentence], paragraph: int) -> None:
        kind = group[0].kind
        pieces: list[tuple[int, int]] = []
        for ln in group:
            start, end = ln.start, ln.end
            while start < end and self.text[start] in " \t\u3000":
                start += 1
            while end > start and self.text[end - 1] in " \t\u3000":
                end -= 1
            if start < end:
                pieces.append((start, end))
        current: list[tuple[int, int]] = []
        depth = 0  # 「 nesting: a 。 inside a quotation does not end the sentence
        for start, end in pieces:
            seg_start = start
            scanned = start
            parens = 0  # （ nesting on this line: (以下「A社」という。) is part of the sentence
            last_close = max(self.text.rfind("）", start, end), self.text.rfind(")", start, end))
            for m in _SENTENCE_END.finditer(self.text, start, end):
                between = self.text[scanned : m.start()]
                depth = max(0, depth + between.count("「") - between.count("」"))
                parens = max(0, parens + _count_any(between, "（(") - _count_any(between, "）)"))
                scanned = m.end()
                if depth:
                    depth = max(0, depth - m.group().count("」"))
                    continue
                if parens and last_close >= m.start():  # the parenthesis closes later on this line
                    parens = max(0, parens - _count_any(m.group(), "）)"))
                    continue
                parens = 0
                current.append((seg_start, m.end()))
                self._emit(current, kind, out, paragraph)
                current = []
                seg_start = m.end()
                while seg_start < end and self.text[seg_start] in " \t\u3000":
                    seg_start += 1
            tail = self.text[scanned:end]
            depth = max(0, depth + tail.count("「") - tail.count("」"))
            if seg_start < end:
                current.append((seg_start, end))
        if current:
            self._emit(current, kind, out, paragraph)

    def _emit(self, segments: list[tuple[int, int]], kind: str, out: list[Sentence], paragraph: int) -> None:
        segments = [(s, e) for s, e in segments if e > s]
        if not segments:
            return
        line, _ = self.position(segments[0][0])
        out.append(Sentence(len(out), tuple(segments), kind, line, None, paragraph, self))

    @cached_property
    def timeline_landmarks(self) -> tuple[int | None, list[int]]:
        """Index of the first sentence of prose (ending in 。) and the indices of the date rows."""
        first_prose = next((s.index for s in self.sentences if s.text.rstrip()[-1:] in "。．"), None)
        return first_prose, [s.index for s in self.sentences if s.is_date_row]

    @cached_property
    def listed_timeline_entries(self) -> frozenset[int]:
        """Indices of the sentences told under a dated list item (・5月8日（水） 委託先から報告)
        or a numbered timeline date ((2)5月8日（水）18時頃)."""
        return frozenset(e.index for s in self.sentences if s.kind in ("list", "heading") for e in s.dated_entries)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    # ----------------------------------------------------------------- signature
    @cached_property
    def signature_start(self) -> int | None:
        """Offset where the closing sender block begins, or None.

        The block is the run of short lines after the last sentence of prose that ends
        in 。！？ (or after 以上): organisation, department, address, phone, person in
        charge. Lines there are names and fields, not sentences of the body.
        """
        last_prose_end = None
        for s in self.sentences:
            if s.kind == "plain" and (s.text.rstrip()[-1:] in _TERMINALS or s.text.strip() == "以上"):
                last_prose_end = s.end
        if last_prose_end is None:
            return None
        rest = [ln for ln in self.lines if ln.start >= last_prose_end and ln.kind != "blank"]
        if not rest:
            return None
        if any(ln.end - ln.start > _SIGNATURE_LINE_CHARS or "。" in self.text[ln.start : ln.end] for ln in rest):
            return None
        return rest[0].start

    def in_signature(self, offset: int) -> bool:
        start = self.signature_start
        return start is not None and offset >= start

    # ----------------------------------------------------------------- spans
    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        """Spans of quotations: 「…」 that holds someone's words (nested quotes included).

        A single term in brackets inside a sentence (「Bcc」機能, 「東玉ショップ」の会員)
        names a thing: it is part of the sentence, not a quotation; so does a list of
        items in brackets (「会員番号、氏名、住所」です).
        """
        return [
            (s, e)
            for s, e in self._bracket_spans
            if not (_QUOTED_TERM.fullmatch(self.text, s, e) or _QUOTED_LIST.fullmatch(self.text, s, e))
        ]

    @cached_property
    def _bracket_spans(self) -> list[tuple[int, int]]:
        """Spans inside 「…」 (nested quotes included in the outer span)."""
        spans = []
        depth = 0
        start = 0
        for m in _QUOTE_EVENT.finditer(self.text):
            mark = m.group()
            if mark == "「":
                if depth == 0:
                    start = m.start()
                depth += 1
            elif mark == "」":
                if depth:
                    depth -= 1
                    if depth == 0:
                        spans.append((start, m.end()))
            else:
                depth = 0  # a blank line closes a runaway quote
        return spans

    @cached_property
    def url_spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _URL.finditer(self.text)]

    @cached_property
    def email_spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _EMAIL.finditer(self.text)]

    def in_spans(self, spans: list[tuple[int, int]], start: int, end: int) -> bool:
        i = bisect.bisect_right(spans, (start, float("inf"))) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    def in_quote(self, start: int, end: int) -> bool:
        return self.in_spans(self.quote_spans, start, end)

    def in_url_or_email(self, start: int, end: int) -> bool:
        return self.in_spans(self.url_spans, start, end) or self.in_spans(self.email_spans, start, end)
