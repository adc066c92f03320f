"""The draft's outline: the label each sentence is written under.

Real notices name their parts in many ways: headings the document model already knows
(■原因, 【経緯】, 1.概要, 第2 対応), but also short lines it reads as list items or
plain text (「• 発生原因」, 「(1)発生の状況」, a bare 「概要」 right after a list), labels
at the start of a sentence (「【概要】担当者が…」, 「＜対応状況＞…」) and labelled fields
(「原因：…」). Rules use the outline as evidence: a substantive sentence under a 原因
label states the cause, a numbered step under a 再発防止策 label is a measure.

The outline only reads the Document's sentences; it never changes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.document import Document, Sentence

# A sentence that is only a label: short, no sentence end, no clause inside.
_LABEL_MAX_CHARS = 24
_TERMINALS = "。．！？!?"
_MARKERS = re.compile(
    r"^\s*(?:[■□◆◇▼▽▶▷●○◎★☆•・･◦‧\-*+]\s*"
    r"|(?:\d{1,2}|[０-９]{1,2})[.．)）、]\s*"
    r"|[（(](?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*"
    r"|[①-⑳➀-➉]\s*"
    r"|第[一二三四五六七八九十\d０-９]{1,3}[章節項]?\s*"
    r"|[一二三四五六七八九十]{1,3}[、．.]\s*)"
)
_BRACKETS = re.compile(r"^\s*(?:【([^】]{1,30})】|[＜〈《<‹]([^＞〉》>›]{1,30})[＞〉》>›]|\[([^\]]{1,30})\])\s*")
_FIELD_LABEL = re.compile(r"^\s*([^\s、。：:]{1,14})\s*[：:]\s*\S")
# A line with no marker is a label only when it names a part of a notice.
_BARE_LABEL = re.compile(
    r"(?:概要|経緯|経過|原因|要因|理由|情報|項目|内容|対象|範囲|件数|人数|影響|被害|対策|対応|防止策|再発防止|取り組み|取組"
    r"|お願い|お問い合わせ|お問合せ|問い合わせ先|問合せ先|連絡先|窓口|日時|状況|今後|措置|手口|経路|事実)"
    r"(?:について|に関して|等|など|の(?:内容|詳細|状況|概要))?$"
)
_DATE_ONLY = re.compile(r"^[\d０-９年月日()（）/／:：.\s令和平成曜火水木金土日月]+$")


@dataclass(frozen=True, slots=True)
class Label:
    """The text of a label and the sentence it stands in (its own line, or inline)."""

    text: str
    sentence: int  # index of the sentence that holds the label
    inline: bool  # the label opens a sentence that goes on with content
    style: str = ""  # how the label is marked (＜＞, ■, ○, 1., (1), bare…): same style, same level
    parents: tuple[Label, ...] = ()  # the labels it is nested under, outermost first

    @property
    def chain(self) -> tuple[Label, ...]:
        """This label and the labels it is nested under."""
        return (*self.parents, self)


def _style(text: str) -> str:
    stripped = text.lstrip()
    if _BRACKETS.match(stripped):
        return stripped[0]
    m = _MARKERS.match(stripped)
    if not m:
        return "bare"
    return re.sub(r"[\d０-９一二三四五六七八九十①-⑳➀-➉]+", "n", m.group(0).strip())


def _strip_markers(text: str) -> str:
    return _MARKERS.sub("", text, count=1).strip()


def _label_line(sentence: Sentence, doc: Document) -> str | None:
    """The label text when ``sentence`` stands alone as a label line, else None."""
    if sentence.role in ("subject", "field"):
        return None
    text = sentence.text.strip()
    if sentence.role == "heading":
        return _bracket_text(text) or _strip_markers(text)
    if len(sentence.segments) != 1 or not text or text[-1] in _TERMINALS or len(text) > _LABEL_MAX_CHARS:
        return None
    if "、" in text or _DATE_ONLY.match(text):
        return None
    line, _ = doc.position(sentence.start)
    own_line = doc.line_text(line).strip() == doc.text[sentence.start : sentence.end].strip()
    if not own_line:
        return None
    nxt = sentence.index + 1
    if nxt >= len(doc.sentences) or doc.sentences[nxt].line <= line:
        return None
    label = _bracket_text(text) or _strip_markers(text)
    if label == text and not _BARE_LABEL.search(text):
        return None  # an organisation or a date on its own line, not a label
    return label or None


def _bracket_text(text: str) -> str | None:
    m = _BRACKETS.match(text)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None).strip()


def labels(doc: Document) -> list[Label | None]:
    """For each sentence of ``doc``: the label it is written under (None when none).

    A label line applies to the sentences after it up to the next label line; a label
    that opens a sentence (【概要】…, 原因：…) applies to that sentence only.
    """
    cached = doc.cache.get("outline-labels")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[Label | None] = []
    stack: list[Label] = []  # the open labels, outermost first
    current: Label | None = None
    for s in doc.sentences:
        own = _label_line(s, doc)
        if own is not None:
            style = _style(s.text)
            # a label of a style already open closes that level and everything under it
            for i, open_label in enumerate(stack):
                if open_label.style == style:
                    del stack[i:]
                    break
            current = Label(own, s.index, False, style, tuple(stack))
            stack.append(current)
            out.append(None)  # a label is not under itself
            continue
        text = s.text.strip()
        inline = _bracket_text(_strip_markers(text)) if _BRACKETS.match(_strip_markers(text)) else None
        if inline is None and s.role == "field":
            m = _FIELD_LABEL.match(_strip_markers(text))
            inline = m.group(1) if m else None
        if inline is None:
            out.append(current)
            continue
        label = Label(inline, s.index, True, "inline", tuple(stack))
        out.append(label)
        if s.role != "field":
            current = label  # 【概要】… goes on in the sentences after it
    doc.cache["outline-labels"] = out
    return out


def label_of(sentence: Sentence) -> Label | None:
    """The label ``sentence`` is written under, or None."""
    assert sentence._doc is not None
    return labels(sentence._doc)[sentence.index]
