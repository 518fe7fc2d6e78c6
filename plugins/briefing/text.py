"""Text utilities: decoding bytes of unknown encoding, whitespace, slugs."""
from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

_WS = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\r\n\f\v\u0085\u2028\u2029]+")
# zero-width, soft hyphen and bidi controls that carry no meaning in article text
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060-\u2064\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_SEP = re.compile("\r\n|\r|\u0085|\u2028|\u2029")
_WESTERN = ("ascii", "latin_1", "iso8859_1", "iso8859_15", "cp1252", "cp1250", "cp1254", "cp1257",
            "mac_roman", "mac_latin2", "iso8859_2", "iso8859_9", "utf_8")


class UnreadableInput(ValueError):
    """A seed that cannot be read as text (binary, empty, undecodable)."""


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = len(_CONTROL.findall(text)) + text.count("\ufffd")
    return bad / len(text) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: every other byte of ASCII text is NUL."""
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.7:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes, detecting the encoding. Returns (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are taken as they are; UTF-16 without
    BOM is recognised by its NUL bytes; anything else goes to charset-normalizer, and a
    Western single-byte guess is read as cp1252 (which has the curly quotes of Windows
    text and is latin-1 everywhere else). Binary data raises UnreadableInput.
    """
    enc = None
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, enc = _decode_or_raise(data, "utf-32"), "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = _decode_or_raise(data, "utf-16"), "utf-16"
    elif data.count(0) > len(data) // 4 and (utf16 := _utf16_without_bom(data)) is not None:
        text, enc = utf16, "utf-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if enc is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise UnreadableInput("not text in any known encoding (binary file?)")
        text, enc = str(best), best.encoding
        if enc in _WESTERN:
            try:
                text, enc = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, enc = data.decode("latin-1"), "latin-1"
    if _looks_binary(text):
        raise UnreadableInput("binary content (control bytes), not an article")
    return text, enc


def _decode_or_raise(data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        raise UnreadableInput(f"broken {enc.upper()} text") from None


def clean_text(text: str) -> str:
    """Normalise line ends (CRLF, CR, NEL, U+2028/9), drop NULs and other control
    characters, zero-width and bidi controls, soft hyphens; NFC."""
    text = _LINE_SEP.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def text_problems(text: str) -> list[str]:
    """What clean_text will repair in text, in words (for the one warning line of a seed)."""
    out = []
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    if crlf:
        out.append("Windows (CRLF) line ends")
    if cr:
        out.append("bare CR line ends")
    nul = text.count("\x00")
    if nul:
        out.append(f"{nul} NUL byte{'s' if nul > 1 else ''} removed")
    ctrl = len(_CONTROL.findall(text)) - nul
    if ctrl:
        out.append(f"{ctrl} control character{'s' if ctrl > 1 else ''} removed")
    invisible = len(_INVISIBLE.findall(text))
    if invisible:
        out.append(f"{invisible} zero-width/bidi control character{'s' if invisible > 1 else ''} removed")
    return out


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces included) to one space."""
    return _WS.sub(" ", text).strip()


def slugify(text: str, fallback: str = "untitled", max_length: int = 80) -> str:
    """Lowercase ASCII slug; never empty."""
    s = _slugify(text or "", max_length=max_length, word_boundary=True, lowercase=True)
    return s or fallback


def document_slug(title: str, source: str) -> str:
    """A briefing's slug: from its headline; from its file name when the headline has no
    letters or digits (emoji only, punctuation only); never empty."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", source.replace("\\", "/").rsplit("/", 1)[-1])
    return slugify(title, fallback=slugify(stem, fallback="briefing"))


def unique_slug(base: str, taken: set[str]) -> str:
    slug = base
    n = 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug
