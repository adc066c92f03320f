"""A draft as the rules read it: lines with roles, sentences, sections, tokens and spans.

``model.Document`` is the entry point; ``layout`` reads lines, ``splitting`` joins them
into sentences, ``sentence`` holds a sentence and its tokens, ``spans`` finds quotations
and addresses, ``outline`` finds the parts of a notice by their headings and fields,
``tokenizer`` wraps Sudachi and ``lookalikes`` folds characters copied from PDFs.
"""

from owabilint.document.layout import Line, LineRole
from owabilint.document.model import Document
from owabilint.document.sentence import FoldedText, Sentence

__all__ = ["Document", "FoldedText", "Line", "LineRole", "Sentence"]
