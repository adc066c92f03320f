"""How a draft is laid out: the role of each line, titles, and the width it was wrapped at.

Pure functions of the text; ``Document`` caches their results. A line's role is what it
is on the page (heading, list item, field, plain prose), decided from its own markup.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from owabilint.textwidth import text_width

if TYPE_CHECKING:
    from owabilint.document.model import Document

LINE_BREAK = re.compile(r"\r\n|\r|\n")
TERMINALS = "。．！？!?"

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
# Hard wrapping: lines of prose broken at a fixed display width (full-width = 2 columns).
_MIN_WRAP_WIDTH = 40
_WRAP_SLACK = 8  # a wrapped line may stop a few columns short (a half-width run, a kinsoku rule)
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


class LineRole(StrEnum):
    """What a line (or the sentence it opens) is on the page."""

    BLANK = "blank"
    SUBJECT = "subject"
    HEADING = "heading"
    LIST = "list"
    FIELD = "field"
    PLAIN = "plain"


# The roles as module constants: on Python 3.11 ``LineRole.PLAIN`` goes through the enum
# class's __getattr__ hook, several times slower than a global, on every line.
BLANK, SUBJECT, HEADING, LIST, FIELD, PLAIN = (
    LineRole.BLANK,
    LineRole.SUBJECT,
    LineRole.HEADING,
    LineRole.LIST,
    LineRole.FIELD,
    LineRole.PLAIN,
)


# A named tuple, not a frozen dataclass: building one was most of the time spent reading
# a draft's lines (a frozen dataclass sets each field through object.__setattr__).
class Line(NamedTuple):
    number: int  # 1-based
    start: int
    end: int  # exclusive, before the line break
    role: LineRole


# The first character (after spaces) a line of each kind can start with, so that a line of
# prose is matched against none of their patterns: the same answers, a fraction of the time.
_SUBJECT_FIRST = frozenset("件Ss")
_MARK_FIRST = frozenset("■□◆◇▼▽▶▷●○◎★☆【＜〈《<‹")
_KANJI_NUM_FIRST = frozenset("第一二三四五六七八九十")
_BULLET_FIRST = frozenset("・･•‧◦-*+アイウエオカキクケコ")
_NUMBERED_FIRST = frozenset("（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")  # and digits (\d is str.isdecimal)


def classify_line(text: str) -> LineRole:
    """The role of a line, from the line alone."""
    stripped = text.strip()
    if not stripped:
        return BLANK
    first = stripped[0]  # \s in a pattern is str.isspace, as in strip()
    if first in _SUBJECT_FIRST and SUBJECT_LINE.match(text):
        return SUBJECT
    marked = first in _MARK_FIRST and _MARK_HEADING.match(text) is not None
    if marked and _DATE_ROW.match(_HEADING_MARK.sub("", stripped, count=1)):
        return LIST  # "▶令和7年2月3日(月)": a marked timeline date heads the entries under it
    if (
        marked
        or (first == "#" and _MD_HEADING.match(text))
        or (first in _KANJI_NUM_FIRST and _KANJI_NUM_HEADING.match(text))
    ):
        return HEADING
    digit = first.isdecimal()
    if digit and _SPACED_NUM_HEADING.match(text):
        return HEADING
    if first in _BULLET_FIRST and _BULLET.match(text):
        return LIST
    if (digit or first in _NUMBERED_FIRST) and _NUMBERED.match(text):
        short = len(stripped) <= 30 and stripped[-1] not in TERMINALS
        if _ITEM_CONTENT.search(stripped):
            return LIST  # a count or an enumeration is content, not a section name
        return HEADING if short and not _FIELD.match(re.sub(r"^\s*\S+\s*", "", text)) else LIST
    if (":" in text or "：" in text) and _FIELD.match(text) and not stripped.endswith("。"):
        return FIELD
    return PLAIN


def read_lines(doc: Document) -> list[Line]:
    """Every line of ``doc`` with its role; a bare or bracketed section label is a heading."""
    out = []
    for i, start in enumerate(doc.line_starts):
        end = doc.line_ends[i]
        out.append(Line(i + 1, start, end, classify_line(doc.text[start:end])))
    for i, line in enumerate(out):
        if line.role == PLAIN and (_bare_label(doc.text, out, i) or _square_label(doc.text, out, i)):
            out[i] = Line(line.number, line.start, line.end, HEADING)
    return out


def _bare_label(text: str, lines: list[Line], i: int) -> bool:
    """Line ``i`` names a section, stands after a blank line (or first) and text
    follows it directly."""
    return (
        (i == 0 or lines[i - 1].role == BLANK)
        and i + 1 < len(lines)
        and lines[i + 1].role != BLANK
        and bool(_BARE_HEADING.match(text[lines[i].start : lines[i].end].strip()))
    )


def _square_label(text: str, lines: list[Line], i: int) -> bool:
    """Line ``i`` is a section label in square brackets: it names a part of a notice
    and the next line holds content, not another bracketed slot."""
    m = _SQUARE_LABEL_LINE.match(text[lines[i].start : lines[i].end].strip())
    if m is None or not _BARE_HEADING.match(m.group(1).strip()) or i + 1 >= len(lines):
        return False
    following = lines[i + 1]
    after = text[following.start : following.end].strip()
    return following.role != BLANK and not after.startswith(("[", "［"))


def title_lines(doc: Document) -> frozenset[int]:
    """1-based numbers of the lines that end a title at the top of the notice.

    A title is a short text without 。 that ends the way titles end (「…について」
    「…のお詫び」), above the body or below date, addressee and issuer lines; it
    may be wrapped over two lines. It stands on its own even when the body follows
    without a blank line.
    """
    found: set[int] = set()
    for line in doc.lines:
        if line.role == BLANK:
            continue
        text = doc.text[line.start : line.end].strip()
        if "。" in text or text[-1:] in TERMINALS:
            break
        if (
            line.role in ("plain", "heading")
            and len(text) <= _TITLE_MAX_CHARS
            and _TITLE_END.search(text)
            and not _OPENS_PROSE.match(text)
        ):
            found.add(line.number)
        elif len(text) > _ABOVE_TITLE_MAX_CHARS:
            break
    return frozenset(found)


def wrap_width(doc: Document) -> int | None:
    """The display width the draft was hard-wrapped at, or None.

    Evidence: at least two lines that break off mid-sentence (no 。, more text
    follows) have the same width, and that width is a line's width, not a short one.
    """
    widths: list[int] = []
    lines = doc.lines
    for i, line in enumerate(lines[:-1]):
        text = doc.text[line.start : line.end].rstrip()
        if line.role in ("plain", "list") and text and text[-1] not in TERMINALS and lines[i + 1].role == PLAIN:
            widths.append(text_width(text))
    counts = Counter(widths)
    wrapped = [w for w in counts if w >= _MIN_WRAP_WIDTH and counts[w - 1] + counts[w] + counts[w + 1] >= 2]
    return max(wrapped, default=None)


def fills_wrap_width(doc: Document, body: str) -> bool:
    width = doc.wrap_width
    return width is not None and width - _WRAP_SLACK <= text_width(body) <= width + 4


def is_note_line(text: str) -> bool:
    """A remark beside the text: a ※ / ＊ / 注 line."""
    return bool(_NOTE_LINE.match(text))


def is_date_row(role: LineRole, text: str) -> bool:
    """A date on a line of its own, or a list item (or numbered heading) that starts with a date."""
    if role == LIST:
        unmarked = _HEADING_MARK.sub("", _BULLET.sub("", text, count=1), count=1)
        return bool(_ROW_START.match(unmarked))
    if role == HEADING:  # "(2)令和5年5月23日(火)18時頃": a numbered timeline date
        return bool(_DATE_ROW.match(_ITEM_NUMBER.sub("", text, count=1)))
    return bool(_DATE_ROW.match(text))


def starts_row(text: str) -> bool:
    """A line that opens with a date or a time (a timeline row)."""
    return bool(_ROW_START.match(text))
