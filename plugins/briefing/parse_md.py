"""Reader for Markdown seeds (`*.md`): YAML front matter plus a Markdown body.

Front matter keys: title, date, publisher, url, authors. The body is parsed with
markdown-it-py; headings become sections, paragraphs become paragraphs (as plain text —
raw HTML in the body is never passed through), images become figures (alt text as caption,
image title as credit) and a contributor line is moved into ``contributors``.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re

import yaml
from markdown_it import MarkdownIt

from .model import Document, Figure
from .parse_txt import contributors_of
from .text import normalize_ws

FRONT = re.compile(r"\A---[ \t]*\n(?P<meta>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_md = MarkdownIt("commonmark")


class FrontMatterError(ValueError):
    pass


DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalize_date(value) -> str | None:
    """A date as written by a publisher → ISO 8601, or None when it cannot be read.

    Accepts ISO 8601 (``Z``, fractions, offsets), RFC 2822 and YAML dates. A date without a
    time stays a date (no midnight is invented); a time without a zone is taken as UTC.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        return value.isoformat() if 1900 <= value.year <= 2200 else None
    else:
        s = normalize_ws(str(value))[:64]
        if DATE_ONLY.match(s):
            try:
                day = dt.date.fromisoformat(s)
            except ValueError:
                return None
            return day.isoformat() if 1900 <= day.year <= 2200 else None
        try:
            d = dt.datetime.fromisoformat(re.sub(r"Z$|z$", "+00:00", s))
        except ValueError:
            try:
                d = email.utils.parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError):
                return None
            if d is None:
                return None
    if not 1900 <= d.year <= 2200:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d.isoformat()


def split_front_matter(text: str) -> tuple[dict, str]:
    m = FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group("meta")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise FrontMatterError(f"bad YAML front matter{where}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    return meta, text[m.end():]


def inline_text(token) -> str:
    """Plain text of an inline token (markup and raw HTML dropped)."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            continue
    return normalize_ws("".join(out))


def parse_md(text: str, source: str) -> Document:
    meta, body = split_front_matter(text)
    title = normalize_ws(str(meta.get("title") or ""))
    tokens = _md.parse(body)
    doc = Document(source=source, title=title)
    authors = meta.get("authors") or meta.get("author") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r",| and ", authors) if a.strip()]
    doc.contributors = [normalize_ws(str(a)) for a in authors if str(a).strip()]
    doc.publisher = normalize_ws(str(meta["publisher"])) if meta.get("publisher") else None
    doc.url = str(meta["url"]) if meta.get("url") else None
    doc.published = normalize_date(meta.get("date"))
    if meta.get("date") and doc.published is None:
        doc.warnings.append(f"unreadable date {meta.get('date')!r} ignored")

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            text_ = inline_text(tokens[i + 1])
            if tok.tag == "h1" and not doc.title:
                doc.title = text_
            elif text_:
                doc.add_heading(text_)
            i += 3
            continue
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            images = [c for c in inline.children or [] if c.type == "image"]
            for img in images:
                caption = normalize_ws(img.content or "")
                credit = normalize_ws(img.attrs.get("title") or "") or None
                if caption or credit:
                    doc.add_figure(Figure(caption=caption, credit=credit))
            text_ = inline_text(inline)
            if text_:
                names = contributors_of(text_)
                if names:
                    doc.contributors.extend(n for n in names if n not in doc.contributors)
                else:
                    doc.add_paragraph(text_)
            i += 3
            continue
        i += 1
    if not doc.title:
        raise ValueError("no title (front matter `title:` or a `# heading`)")
    return doc
