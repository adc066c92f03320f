"""Bytes → text: BOMs, UTF-8, and the Japanese legacy encodings of Outlook and Notepad drafts.

Detection order: a BOM decides; then strict UTF-8; then ISO-2022-JP for 7-bit text with
escape sequences; then charset-normalizer restricted to Japanese encodings (CP932,
EUC-JP), each candidate checked by a strict decode and a plausibility test (a Japanese
draft has kana). Anything else is an input error that suggests ``--encoding``: text is
never decoded with replacement characters.

``Decoded.encoding`` is the codec of the content *after* the BOM and ``Decoded.bom``
says whether the file starts with one, so a file is written back exactly with
:func:`encode_text`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from owabilint.errors import InputError

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Name shown to users (and accepted by --encoding) for content codec + BOM.
_WITH_BOM = {
    "utf-8": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
}
_ISO2022 = ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004")
_LEGACY = ("cp932", "euc_jp")  # ranked by charset-normalizer
_LEGACY_FALLBACK = ("euc_jis_2004",)  # JIS X 0213 kanji that EUC-JP lacks
_CANONICAL = {
    "cp932": "cp932",
    "euc_jp": "euc-jp",
    "euc_jis_2004": "euc-jis-2004",
    "iso2022_jp": "iso-2022-jp",
    "iso2022_jp_2": "iso-2022-jp-2",
    "iso2022_jp_ext": "iso-2022-jp-ext",
    "iso2022_jp_2004": "iso-2022-jp-2004",
    "shift_jis": "shift_jis",
    "utf_8": "utf-8",
}
_ALIASES = {"windows-31j": "cp932", "windows_31j": "cp932", "x-sjis": "cp932", "ms-kanji": "cp932"}
_BINARY = (
    "バイナリファイルのようです（NUL バイトを含む）。テキストの下書きを指定してください"
    "（BOM のない UTF-16 なら --encoding utf-16-le）"
)
_PLAUSIBILITY_SAMPLE = 65536  # characters: the strict decode already vouched for the rest


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # BOM removed; line endings untouched
    encoding: str  # codec of the content after the BOM, e.g. "utf-8", "cp932", "utf-16-le"
    bom: bool

    @property
    def label(self) -> str:
        """The name that decodes the whole file, BOM included (shown in reports)."""
        return encoding_label(self.encoding, self.bom)


def encoding_label(encoding: str, bom: bool) -> str:
    return _WITH_BOM.get(encoding, encoding) if bom else encoding


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes of a file holding ``text``, written like the file it was read from."""
    return ("\ufeff" + text if bom else text).encode(encoding)


def check_codec(name: str) -> str:
    """Canonical codec name for ``--encoding NAME`` or a mail's charset.

    ValueError when Python does not know it or it is not a text encoding (``base64``,
    ``hex``, ``zlib`` turn bytes into bytes: a charset that names one is bad input).
    """
    try:
        info = codecs.lookup(_ALIASES.get(name.strip().lower(), name.strip()))
    except (LookupError, ValueError, TypeError):
        raise ValueError(name) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(name)
    return _CANONICAL.get(info.name.replace("-", "_"), info.name)


def refuse_nul(decoded: Decoded, path: str) -> Decoded:
    """``decoded``, or the binary-file error when its text holds NUL (U+0000)."""
    if "\x00" in decoded.text:
        raise InputError(path, _BINARY)
    return decoded


def decode(data: bytes, path: str, forced: str | None = None) -> Decoded:
    """Decode a draft's bytes, detecting the encoding unless ``forced`` names one.

    Text with NUL (U+0000) anywhere is refused as binary, whatever the encoding.
    """
    if forced is not None:
        return refuse_nul(_decode_forced(data, path, forced), path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return refuse_nul(_strict(data[len(bom) :], encoding, True, path), path)
    if b"\x00" in data:  # the whole file: a NUL after the first few KB is binary too
        raise InputError(path, _BINARY)
    if b"\x1b" in data and data.isascii():  # 7-bit: ISO-2022-JP is also valid UTF-8
        for codec in _ISO2022:
            text = _try(data, codec)
            if text is not None and "\x1b" not in text:
                return Decoded(text, _CANONICAL[codec], False)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for codec in _legacy_candidates(data):
        text = _try(data, codec)
        if text is not None and looks_japanese(text):
            return Decoded(text, _CANONICAL[codec], False)
    raise InputError(
        path,
        f"文字コードを判定できません（UTF-8 としては {utf8_error.start} バイト目が不正です）。"
        "--encoding cp932 のように文字コードを指定してください",
    )


def _decode_forced(data: bytes, path: str, name: str) -> Decoded:
    encoding = check_codec(name)
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom) and codecs.lookup(bom_encoding).name in _bom_family(encoding):
            return _strict(data[len(bom) :], bom_encoding, True, path, forced=name)
    return _strict(data, encoding, False, path, forced=name)


def _bom_family(encoding: str) -> set[str]:
    """Codecs whose BOM a forced encoding accepts (utf-16 → either byte order)."""
    name = codecs.lookup(encoding).name
    families = {
        "utf-8": {"utf-8"},
        "utf-8-sig": {"utf-8"},
        "utf-16": {"utf-16-le", "utf-16-be"},
        "utf-16-le": {"utf-16-le"},
        "utf-16-be": {"utf-16-be"},
        "utf-32": {"utf-32-le", "utf-32-be"},
        "utf-32-le": {"utf-32-le"},
        "utf-32-be": {"utf-32-be"},
    }
    return families.get(name, set())


def _strict(data: bytes, encoding: str, bom: bool, path: str, forced: str | None = None) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        where = exc.start + (len(codecs.lookup(encoding).encode("\ufeff")[0]) if bom else 0)
        shown = forced or encoding_label(encoding, bom)
        hint = "" if forced else "。--encoding で文字コードを指定できます"
        raise InputError(path, f"{shown} として読み込めません（{where} バイト目が不正です）{hint}") from None
    if not bom and encoding in ("utf-8-sig", "utf-16", "utf-32"):
        # Forced BOM-detecting codec on a file without a BOM: name the byte order it used.
        encoding = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    return Decoded(text, encoding, bom)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _legacy_candidates(data: bytes) -> list[str]:
    """Japanese legacy codecs, the most likely first (charset-normalizer's ranking)."""
    from charset_normalizer import from_bytes

    ranked = [m.encoding for m in from_bytes(data, cp_isolation=list(_LEGACY), threshold=0.3)]
    return [c for c in ranked if c in _LEGACY] + [c for c in _LEGACY if c not in ranked] + list(_LEGACY_FALLBACK)


def looks_japanese(text: str) -> bool:
    """A plausibility test for a legacy decode: Japanese prose always has kana.

    Text in another encoding decoded as CP932 or EUC-JP comes out as kanji soup or
    control characters, without hiragana or katakana.
    """
    kana = half_width = odd = other = 0
    for ch in text[:_PLAUSIBILITY_SAMPLE]:
        code = ord(ch)
        if code < 0x80:
            if code < 0x20 and ch not in "\t\n\r\f":
                odd += 1
            continue
        if 0x3040 <= code <= 0x30FF:
            kana += 1
        elif 0xFF61 <= code <= 0xFF9F:
            half_width += 1
        elif 0x80 <= code < 0xA0 or 0xE000 <= code <= 0xF8FF or ch == "\ufffd":
            odd += 1
        else:
            other += 1
    non_ascii = kana + half_width + other
    # Half-width katakana soup is what EUC-JP or GB2312 bytes look like through CP932.
    return kana > 0 and kana * 10 >= non_ascii and half_width * 2 <= non_ascii and odd * 50 <= non_ascii + 1
