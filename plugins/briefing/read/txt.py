"""Reader for the scraped-article text form (`*.txt`).

Structure rules of the form (see CONTRACTS.md):

* line 1 is the headline, optionally ending in `` – PUBLISHER`` or `` | PUBLISHER``;
* an optional ``EPOCH HEADLINE | SITE`` line gives the publication time;
* blocks are separated by blank lines;
* a short line with no closing punctuation is a section heading;
* an image block is an ``ALT | SITE`` line followed by ``CAPTION | CREDIT``; the alt line
  (usually the headline again) is dropped, the caption and credit become a figure;
* a closing ``NAME contributed to …`` / ``Additional reporting by NAME`` line lists the
  contributors and leaves the body.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Document, Figure
from .html_clean import BOILER_TEXT
from ..text import normalize_ws

PUBLISHER_SEP = re.compile(r"\s+(?:[–—|]|-)\s+(?P<pub>[^–—|]{1,40})$")
EPOCH_LINE = re.compile(r"^(?P<epoch>\d{9,11})(?:\s+(?P<rest>.*))?$")
PIPE = re.compile(r"\s+\|\s+")
MAX_HEADLINE_CHARS = 300  # a longer first line is a paragraph: the headline is missing
MAX_HEADLINE_WORDS = 40
CONTRIB = re.compile(
    r"^(?P<names>.+?)\s+(?:also\s+)?contributed(?:\s+(?:reporting|research|writing))?"
    r"(?:\s+to\s+(?:this|the)\s+(?:report|story|article|news|coverage|reporting)\w*)?"
    r"(?:\s+(?:from|in)\s+[A-Z].*)?$",
    re.I,
)
REPORTING_BY = re.compile(
    r"^(?:with\s+)?(?:additional\s+)?(?:reporting|writing|research|reporting\s+and\s+writing)\s+by\s+(?P<names>.+?)$",
    re.I
)
EDITING_BY = re.compile(r"^(?:\w+\s+)?(?:editing|edited|compiled|graphics|fact-checking)\s+by\s+.+$", re.I)
REPORTED_FROM = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+(?:also\s+)?reported(?:\s+(?:from|in)\s+[A-Z].*)?$")
# "Associated Press writers", "Staff reporter", "Our correspondents" before the names
STAFF_PREFIX = re.compile(
    r"^(?:(?:The|Our)\s+)?(?:[A-Z][\w&.'’-]*\s+){0,3}(?:staff\s+)?"
    r"(?:writers?|correspondents?|reporters?|journalists?|staff|editors?)\s+(?=[A-Z])"
)
IN_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")
SENTENCE_SPLIT = re.compile(r";\s*|,\s+(?=with\s)|(?<=[a-z]{2})\.\s+(?=[A-Z])")
# "with additional reporting from Reuters": agencies, not people
AGENCIES_ONLY = re.compile(r"^[A-Z][\w.&'’-]*(?:\s*(?:,|and|&)\s*[A-Z][\w.&'’-]*)*$")
WITH_ASSISTANCE = re.compile(r"^(?:with\s+)?(?:assistance|help)\s+from\s+(?P<names>.+)$", re.I)
FROM_AGENCIES = re.compile(r"^(?:with\s+)?(?:additional\s+)?reporting\s+from\s+(?P<names>.+)$", re.I)
NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|bin|al|la|le))*"
NAMES = re.compile(rf"^{NAME}(?:\s*(?:,|,?\s+and)\s+{NAME})*$")
END_PUNCT = tuple(".!?:;,\"'”’»)…]")
CREDIT_HINT = re.compile(
    r"\b(photo|photograph|image|images|getty|afp|reuters|ap|epa|pool|via|courtesy|credit|"
    r"shutterstock|file|illustration)\b|/",
    re.I,
)


def split_headline(line: str) -> tuple[str, str | None]:
    """'Title – POLITICO' → ('Title', 'POLITICO'). A suffix is a publisher only if it is short."""
    line = normalize_ws(line)
    m = PUBLISHER_SEP.search(line)
    if m:
        pub = m.group("pub").strip()
        title = line[: m.start()].strip()
        words = pub.split()
        capitalised = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
        if (title and 1 <= len(words) <= 4 and not pub.endswith((".", "?", "!"))
                and words[0][:1].isupper() and len(capitalised) * 2 >= len(words)):
            return title, pub  # a name: "POLITICO", "The Guardian", "Times of India"
    return line, None


def parse_epoch(value: str) -> str | None:
    try:
        n = int(value)
    except ValueError:
        return None
    # plausible news dates only: 1995-01-01 .. 2100-01-01
    if not 788918400 <= n <= 4102444800:
        return None
    return dt.datetime.fromtimestamp(n, tz=dt.timezone.utc).isoformat()


def split_names(names: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names.strip())
    return [normalize_ws(p) for p in parts if p.strip()]


def _names(text: str) -> list[str] | None:
    text = re.sub(r"^[A-Z][\w&.-]*['’]s\s+(?=[A-Z])", "", text.strip().rstrip("."))  # "CNN’s Jane Roe"
    text = STAFF_PREFIX.sub("", text)
    text = IN_PLACE.sub("", text)
    parts = split_names(text)
    if len(parts) > 1:  # "in Copenhagen, Denmark": a lone word left from a place is not a name
        parts = [p for p in parts if len(p.split()) >= 2]
    if not parts or not all(NAMES.match(p) for p in parts) or sum(len(p.split()) for p in parts) > 16:
        return None
    if all(len(p.split()) < 2 for p in parts):
        return None  # "Germany contributed." is a sentence, not a byline
    return parts


def contributors_of(line: str) -> list[str] | None:
    """The names of a contributor line, or None if the line is not one.

    Forms: "NAME contributed (reporting) (to this report) (from PLACE).", "(Additional)
    reporting by NAME and NAME in PLACE; Editing by NAME", "NAME reported from PLACE.
    Associated Press writers NAME in PLACE and NAME contributed to this report."
    """
    text = normalize_ws(line)
    if not text or len(text) > 400:
        return None
    names: list[str] = []
    for part in SENTENCE_SPLIT.split(text):
        part = part.strip().rstrip(".").strip()
        if not part:
            continue
        part = part.lstrip("—–-― ").strip()
        m = CONTRIB.match(part) or REPORTING_BY.match(part) or FROM_AGENCIES.match(part) or WITH_ASSISTANCE.match(part)
        if m:
            got = _names(m.group("names"))
            if got is None and AGENCIES_ONLY.match(m.group("names").strip().rstrip(".")):
                continue  # "additional reporting by Reuters and AFP"
            if got is None:
                return None
            names.extend(n for n in got if n not in names)
        elif not (EDITING_BY.match(part) or REPORTED_FROM.match(part)):
            return None
    return names or None


def is_heading(block: str) -> bool:
    if "\n" in block:
        return False
    text = block.strip()
    words = text.split()
    if not 1 <= len(words) <= 10 or len(text) > 80:
        return False
    if text.endswith(END_PUNCT) or text.startswith(("“", '"', "«", "‘", "'", "„", "-", "•")):
        return False
    if "|" in text:
        return False
    return text[0].isupper() or text[0].isdigit()


def looks_like_credit(text: str) -> bool:
    return bool(CREDIT_HINT.search(text)) and len(text.split()) <= 20


def _split_pipe(line: str) -> tuple[str, str] | None:
    parts = PIPE.split(normalize_ws(line), maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else None


def parse_figure_lines(lines: list[str], title: str) -> tuple[list[Figure], list[str]]:
    """Split an image block into figures; return leftover lines that were not image lines.

    An ``ALT | SITE`` line repeats the headline (or, next to a caption line, has a one-token
    site id); it is dropped. A ``CAPTION | CREDIT`` line is a figure when its right side reads
    like a credit or when the block has an ALT line; any other line stays body text.
    """
    pairs = [_split_pipe(l) for l in lines]

    def is_alt(pair) -> bool:
        left, right = pair
        return left.casefold() == title.casefold() or (
            len(lines) > 1 and " " not in right and not looks_like_credit(right))

    has_alt = any(p and is_alt(p) for p in pairs)
    figures: list[Figure] = []
    rest: list[str] = []
    for raw, pair in zip(lines, pairs):
        if pair is None:
            rest.append(normalize_ws(raw))
        elif is_alt(pair):
            continue
        elif has_alt or looks_like_credit(pair[1]):
            figures.append(Figure(caption=pair[0], credit=pair[1] or None))
        else:
            rest.append(normalize_ws(raw))
    return figures, rest


def is_image_block(lines: list[str]) -> bool:
    return bool(lines) and all(PIPE.search(l) for l in lines) and all(
        len(l) < 400 for l in lines
    )


def parse_txt(text: str, source: str) -> Document:
    lines = text.split("\n")
    # headline: first non-empty line
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        raise ValueError("empty article: no headline")
    first = normalize_ws(lines[i])
    if len(first) > MAX_HEADLINE_CHARS or len(first.split()) > MAX_HEADLINE_WORDS:
        raise ValueError(f"no headline: the first line is a paragraph ({len(first.split())} words)")
    title, publisher = split_headline(lines[i])
    doc = Document(source=source, title=title, publisher=publisher)
    body = "\n".join(lines[i + 1 :])
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", body)]
    blocks = [b for b in blocks if b.strip()]

    # optional EPOCH HEADLINE | SITE line (the first block only)
    if blocks:
        first = normalize_ws(blocks[0])
        m = EPOCH_LINE.match(first)
        if m and "\n" not in blocks[0].strip():
            doc.published = parse_epoch(m.group("epoch"))
            if doc.published is None:
                doc.warnings.append(f"implausible epoch {m.group('epoch')!r} ignored")
            blocks = blocks[1:]

    for block in blocks:
        block_lines = [l for l in block.split("\n") if l.strip()]
        if is_image_block(block_lines):
            figs, rest = parse_figure_lines(block_lines, title)
            for f in figs:
                doc.add_figure(f)
            for r in rest:
                doc.add_paragraph(r)
            continue
        if len(block_lines) == 1 and BOILER_TEXT.match(normalize_ws(block)):
            continue  # scraped page furniture: "Advertisement", "Read more: …", "Sign up …"
        names = contributors_of(block) if len(block_lines) == 1 else None
        if names:
            doc.contributors.extend(n for n in names if n not in doc.contributors)
            continue
        if is_heading(normalize_ws(block)) and len(block_lines) == 1:
            doc.add_heading(normalize_ws(block))
            continue
        # a paragraph block can end with an image line pair; peel those off
        image_tail = [l for l in block_lines if PIPE.search(l) and looks_like_credit(PIPE.split(l)[-1])]
        if image_tail and len(image_tail) < len(block_lines):
            body_lines = [l for l in block_lines if l not in image_tail]
            doc.add_paragraph(normalize_ws(" ".join(body_lines)))
            figs, _ = parse_figure_lines(image_tail, title)
            for f in figs:
                doc.add_figure(f)
            continue
        doc.add_paragraph(normalize_ws(block))
    # a trailing heading with nothing after it is not a section
    while doc.blocks and doc.blocks[-1].kind == "heading":
        last = doc.blocks.pop()
        doc.sections.remove(last.text)
        doc.add_paragraph(last.text)
    return doc
