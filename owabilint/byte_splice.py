"""Writing a fixed draft back without touching the bytes of what was not fixed.

Decoding and encoding again is not always the identity: CP932 has characters with two
codes (NEC and IBM extensions: ``87 90`` and ``81 E0`` both decode to ≒), and the
encoder always picks one. Re-encoding the whole fixed text would silently change such
bytes all over the file. So when re-encoding the original text does not give back the
original bytes, only the changed part of each changed line is encoded, and everything
else is copied from the original bytes.
"""

from __future__ import annotations

import codecs
import re

_LINE_BREAK_TEXT = re.compile(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
# Encodings in which a line break is always the byte 0A or 0D and never part of another
# character, and which keep no state from one character to the next.
_SPLICEABLE = {
    "cp932",
    "shift_jis",
    "shift_jis_2004",
    "shift_jisx0213",
    "euc_jp",
    "euc_jis_2004",
    "euc_jisx0213",
    "utf-8",
}


class CannotPreserve(ValueError):
    """The fixed text cannot be written with the untouched bytes kept as they were."""


def _lines(text: str) -> list[str]:
    out, start = [], 0
    for m in _LINE_BREAK_TEXT.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def _byte_lines(data: bytes) -> list[bytes]:
    out, start = [], 0
    for m in _LINE_BREAK_BYTES.finditer(data):
        out.append(data[start : m.end()])
        start = m.end()
    out.append(data[start:])
    return out


def _char_offsets(data: bytes, encoding: str) -> list[int]:
    """Byte offset where each decoded character of ``data`` starts, then ``len(data)``."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offsets: list[int] = []
    start = 0
    for i in range(len(data)):
        produced = decoder.decode(data[i : i + 1])
        if len(produced) > 1:
            raise CannotPreserve("one byte sequence decodes to several characters")
        if produced:
            offsets.append(start)
            start = i + 1
    if decoder.decode(b"", final=True):
        raise CannotPreserve("incomplete character")
    offsets.append(len(data))
    return offsets


def encode_preserving(old_text: str, new_text: str, original: bytes, encoding: str, bom_bytes: bytes) -> bytes:
    """The bytes of ``new_text``: ``original`` wherever ``old_text`` was left unchanged.

    ``original`` is the whole file, starting with ``bom_bytes``. Raises CannotPreserve
    when that cannot be done (a stateful encoding that does not round-trip).
    """
    body = original[len(bom_bytes) :]
    if old_text.encode(encoding) == body:  # the codec round-trips: re-encoding changes nothing else
        return bom_bytes + new_text.encode(encoding)
    name = codecs.lookup(encoding).name.replace("-", "_")
    if name not in _SPLICEABLE:
        raise CannotPreserve(encoding)
    old_lines, new_lines, byte_lines = _lines(old_text), _lines(new_text), _byte_lines(body)
    if not (len(old_lines) == len(new_lines) == len(byte_lines)):
        raise CannotPreserve("the fix changed the number of lines")
    out = [bom_bytes]
    for old, new, raw in zip(old_lines, new_lines, byte_lines, strict=True):
        if old == new:
            out.append(raw)
            continue
        if raw.decode(encoding) != old:
            raise CannotPreserve("a line does not decode on its own")
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        offsets = _char_offsets(raw, encoding)
        out.append(raw[: offsets[prefix]])
        out.append(new[prefix : len(new) - suffix].encode(encoding))
        out.append(raw[offsets[len(old) - suffix] :])
    return b"".join(out)
