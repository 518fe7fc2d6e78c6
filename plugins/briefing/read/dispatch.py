"""Dispatch a seed file to the parser for its form; turn every failure into a clear message.

A seed either becomes a Document — with at most one warning line saying what was repaired
(encoding, line ends, control characters, oversized text, markup shown as text …) — or
raises SeedError, whose str() is one line "file: problem". Nothing else escapes.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ..model import Document
from ..text import UnreadableInput, clean_text, decode_bytes, normalize_ws, slugify, text_problems


# The parsers are imported when first used (BeautifulSoup, markdown-it and YAML take ~0.3 s):
# a build that finds every seed in its caches never needs them.
def parse_txt(*args, **kwargs) -> Document:
    from .txt import parse_txt as parse

    return parse(*args, **kwargs)


def parse_md(*args, **kwargs) -> Document:
    from .md import parse_md as parse

    return parse(*args, **kwargs)


def parse_html(*args, **kwargs) -> Document:
    from .html import parse_html as parse

    return parse(*args, **kwargs)


PARSERS = {".txt": parse_txt, ".md": parse_md, ".markdown": parse_md, ".html": parse_html, ".htm": parse_html}
MAX_BYTES = 20 * 1024 * 1024  # larger files are skipped unread
# No body is cut: every paragraph of a long article (a transcript, a ruling, a report) is
# published; what is bounded is the cost of extracting it (extract.MAX_EXTRACT_CHARS).
MAX_PARAGRAPH_CHARS = 10_000  # longer paragraphs are split at sentence ends (each is one spaCy Doc)
MAX_TITLE_CHARS = 300
MARKUP = re.compile(r"<\s*/?\s*(?:script|style|iframe|img|svg|object|embed|a|form|input|link|meta)\b|"
                    r"\bon[a-z]+\s*=|\{\{|\{%|\bjavascript\s*:", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?…»”\"’])\s+(?=[\"“‘«(\[]?[A-Z0-9])")

log = logging.getLogger("briefing")


class SeedError(Exception):
    """A seed that cannot become a briefing. str() is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = normalize_ws(problem)
        super().__init__(f"{Path(path).name}: {self.problem}")


def is_seed(path: str | Path) -> bool:
    return Path(path).suffix.lower() in PARSERS


def _short(text: str, n: int = 40) -> str:
    text = normalize_ws(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """Split an over-long paragraph at sentence ends (at spaces if it has none)."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in SENTENCE_END.split(text):
        while len(sentence) > limit:  # one huge "sentence": cut at the last space before the limit
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            head, sentence = sentence[:cut].strip(), sentence[cut:].strip()
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p]


def limit_size(doc: Document) -> list[str]:
    """Split giant paragraphs at sentence ends, in place (spaCy parses each paragraph as one
    Doc: its length and memory stay bounded whatever the length of the body). Returns what
    was done."""
    blocks, paragraphs = doc.blocks, doc.paragraphs
    if all(len(p) <= MAX_PARAGRAPH_CHARS for p in paragraphs):
        return []
    doc.blocks, doc.paragraphs, doc.sections = [], [], []
    figures, doc.figures = doc.figures, []
    split = 0
    for b in blocks:
        if b.kind == "paragraph":
            pieces = split_long(paragraphs[b.index])
            split += len(pieces) > 1
            for piece in pieces:
                doc.add_paragraph(piece)
        elif b.kind == "heading":
            doc.add_heading(b.text)
        else:
            doc.add_figure(figures[b.index])
    return [f"{split} paragraph{'s' if split > 1 else ''} over {MAX_PARAGRAPH_CHARS:,} characters split at sentence ends"]


QUOTE_MARKS = re.compile("[\"“”«»„‟]")


def _continued_quotations(paragraphs: list[str]) -> tuple[int, int]:
    """Opening marks that re-open a quotation left open by the paragraph before (news
    convention: a quotation over several paragraphs opens each of them and closes only the
    last), for “ and « marks: they are not unbalanced."""
    curly = guil = 0
    for prev, para in zip(paragraphs, paragraphs[1:]):
        head = para.lstrip()[:1]
        if head in "“„" and prev.count("“") + prev.count("„") > prev.count("”"):
            curly += 1
        elif head == "«" and prev.count("«") > prev.count("»"):
            guil += 1
    return curly, guil


def quote_problem(paragraphs: list[str]) -> str | None:
    """A warning when the quotation marks cannot pair up sensibly (quotes may be partial)."""
    text = "\n".join(paragraphs)
    marks = len(QUOTE_MARKS.findall(text))
    if marks > 1000 and marks > len(text) / 20:  # a long transcript has many; garbage is dense with them
        return f"{marks:,} quotation marks (quotes may be incomplete)"
    opening, closing = text.count("“") + text.count("„"), text.count("”")
    left, right = text.count("«"), text.count("»")
    reopened, reopened_g = _continued_quotations(paragraphs)
    opening, left = opening - reopened, left - reopened_g
    slack = max(5, marks // 100)  # long texts: a stray mark per hundred is not garbage
    if abs(opening - closing) > slack or abs(left - right) > slack:
        return (f"unbalanced quotation marks ({opening} “ / {closing} ”, {left} « / {right} »): "
                "quotes may be incomplete")
    return None


def check_document(doc: Document, source: str, suffix: str) -> None:
    """The checks every form shares. Raises SeedError; appends to doc.warnings."""
    doc.title = normalize_ws(doc.title or "")
    if not doc.title:
        raise SeedError(source, "no headline")
    if len(doc.title) > MAX_TITLE_CHARS:
        cut = doc.title.rfind(" ", 0, MAX_TITLE_CHARS)
        doc.title = doc.title[: cut if cut > 0 else MAX_TITLE_CHARS].rstrip(" ,;:–-") + "…"
        doc.warnings.append(f"headline longer than {MAX_TITLE_CHARS} characters shortened")
    if not any(p.strip() for p in doc.paragraphs):
        raise SeedError(source, f"headline only (“{_short(doc.title)}”), no body text")
    if not slugify(doc.title, fallback=""):
        doc.warnings.append(f"headline “{_short(doc.title)}” has no letters or digits for a URL; "
                            f"slug taken from the file name")
    quotes = quote_problem(doc.paragraphs)
    if quotes:
        doc.warnings.append(quotes)
    if any(MARKUP.search(t) for t in [doc.title, *doc.paragraphs]):
        doc.warnings.append("markup or template code in the text (kept as plain text, escaped)")
    doc.warnings.extend(limit_size(doc))


def parse_text(text: str, source: str, suffix: str) -> Document:
    parser = PARSERS.get(suffix.lower())
    if parser is None:
        raise SeedError(source, f"unknown extension {suffix!r} (expected .txt, .md or .html)")
    problems = text_problems(text)
    text = clean_text(text)
    if not text.strip():
        raise SeedError(source, "whitespace only, no text" if text else "no text (only control characters)")
    try:
        doc = parser(text, source)
    except SeedError:
        raise
    except (ValueError, RecursionError) as exc:
        raise SeedError(source, str(exc) or exc.__class__.__name__) from None
    except Exception as exc:  # noqa: BLE001 - a reader bug must name the file, not stop the build
        log.debug("briefing: %s: reader failure", source, exc_info=True)
        raise SeedError(source, f"could not be read ({exc.__class__.__name__}: {_short(str(exc), 80)})") from None
    check_document(doc, source, suffix)
    doc.warnings[:0] = problems
    return doc


CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _declared(data: bytes) -> tuple[str | None, str | None]:
    """A saved page that is not UTF-8, read in the charset its <meta> declares (if it can be)."""
    try:
        data.decode("utf-8")
        return None, None  # UTF-8 (or ASCII): decode_bytes takes it as it is
    except UnicodeDecodeError:
        pass
    m = CHARSET.search(data[:4096])
    if not m:
        return None, None
    name = m.group(1).decode("ascii").lower()
    name = "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name
    try:
        return data.decode(name), name
    except (LookupError, UnicodeDecodeError):
        return None, None


def parse_bytes(data: bytes, source: str, suffix: str) -> Document:
    if len(data) > MAX_BYTES:
        raise SeedError(source, f"file too large ({len(data) / 1024 / 1024:.0f} MB, limit {MAX_BYTES // 1024 // 1024} MB)")
    if not data.strip():
        raise SeedError(source, "empty file" if not data else "whitespace only, no text")
    try:
        text, encoding = _declared(data) if suffix.lower() in (".html", ".htm") else (None, None)
        if text is None:
            text, encoding = decode_bytes(data)
    except UnreadableInput as exc:
        raise SeedError(source, str(exc)) from None
    doc = parse_text(text, source, suffix)
    if encoding == "utf-8-sig":
        doc.warnings.insert(0, "UTF-8 byte-order mark removed")
    elif encoding not in ("utf-8", "ascii"):
        doc.warnings.insert(0, f"not UTF-8: decoded as {encoding}")
    if doc.warnings:  # one line per seed
        doc.warnings = ["; ".join(dict.fromkeys(doc.warnings))]
    return doc


def parse_file(path: str | Path) -> Document:
    path = Path(path)
    if not is_seed(path):
        raise SeedError(path, f"unknown extension {path.suffix!r} (expected .txt, .md or .html)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(path, f"cannot read: {exc.strerror}") from None
    return parse_bytes(data, path.name, path.suffix)
