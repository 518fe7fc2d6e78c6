"""Text utilities: decoding bytes of unknown encoding, whitespace, slugs."""
from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\r\n\f\v]+")
# zero-width and bidi controls that carry no meaning in article text
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableInput(ValueError):
    """A seed that cannot be read as text (binary, empty, undecodable)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes, detecting the encoding. Returns (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything else
    goes to charset-normalizer. Binary data raises UnreadableInput.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise UnreadableInput("not text in any known encoding (binary file?)")
        text, enc = str(best), best.encoding
        if enc in ("ascii", "latin_1", "iso8859_1"):
            # cp1252 is a superset in the printable range and covers curly quotes
            try:
                text, enc = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
    if text:
        nul = text.count("\x00")
        ctrl = len(_CONTROL.findall(text))
        if (nul + ctrl) / len(text) > 0.05:
            raise UnreadableInput("binary content (control bytes), not an article")
    return text, enc


def clean_text(text: str) -> str:
    """Normalise line ends, drop NULs, zero-width and bidi controls; NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces included) to one space."""
    return _WS.sub(" ", text).strip()


def slugify(text: str, fallback: str = "untitled", max_length: int = 80) -> str:
    """Lowercase ASCII slug; never empty."""
    s = _slugify(text or "", max_length=max_length, word_boundary=True, lowercase=True)
    return s or fallback


def unique_slug(base: str, taken: set[str]) -> str:
    slug = base
    n = 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug
