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

from ..model import Document, Figure
from .txt import contributors_of
from ..text import normalize_ws

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
        s = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", normalize_ws(str(value))[:64])  # "… 21:15:02 +01:00"
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
    return d.replace(microsecond=0).isoformat()


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


RAW_SKIP = re.compile(r"^<\s*(script|style|template|noscript|iframe|svg|object)\b", re.I)
RAW_END = re.compile(r"^<\s*/\s*(script|style|template|noscript|iframe|svg|object)\b", re.I)


def inline_text(token) -> str:
    """Plain text of an inline token: markup and raw HTML dropped (the text inside raw
    inline HTML kept, the content of an inline <script>/<style> dropped)."""
    out = []
    skipping = None
    for child in token.children or []:
        if child.type == "html_inline":
            if skipping is None and (m := RAW_SKIP.match(child.content)) and not child.content.rstrip().endswith("/>"):
                skipping = m.group(1).lower()
            elif skipping and (m := RAW_END.match(child.content)) and m.group(1).lower() == skipping:
                skipping = None
            continue
        if skipping:
            continue
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return normalize_ws("".join(out))


def html_block_text(raw: str) -> list[str]:
    """Raw HTML in a Markdown body reduced to its text: one string per block element."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    for tag in soup.find_all(["script", "style", "template", "noscript", "iframe", "svg", "object", "embed"]):
        tag.decompose()
    blocks = soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td"])
    leaves = [b for b in blocks if not b.find(["p", "li", "blockquote"])] or [soup]
    return [t for t in (normalize_ws(b.get_text("")) for b in leaves) if t]


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in re.split(r",|;|\band\b", value) if a.strip()]
    if isinstance(value, dict):
        return _names(value.get("name") or "")
    if isinstance(value, (list, tuple)):
        return [n for v in value for n in _names(v)]
    return [str(value)] if value not in (None, "") else []


def parse_md(text: str, source: str) -> Document:
    meta, body = split_front_matter(text)
    meta = {str(k).lower(): v for k, v in meta.items()}
    title = normalize_ws(str(meta.get("title") or "")) if not isinstance(meta.get("title"), (dict, list)) else ""
    tokens = _md.parse(body)
    doc = Document(source=source, title=title)
    doc.contributors = [normalize_ws(a) for a in _names(meta.get("authors") or meta.get("author") or [])]
    doc.contributors = [a for a in dict.fromkeys(doc.contributors) if a]
    publisher = meta.get("publisher")
    doc.publisher = normalize_ws(str(publisher)) or None if isinstance(publisher, (str, int, float)) else None
    url = str(meta.get("url") or "").strip()
    doc.url = url if re.match(r"^https?://[^\s<>\"']+$", url) else None
    if url and doc.url is None:
        doc.warnings.append("front matter url is not an http(s) address (ignored)")
    doc.published = normalize_date(meta.get("date"))
    if meta.get("date") and doc.published is None:
        doc.warnings.append(f"unreadable date {str(meta.get('date'))[:40]!r} ignored")
    raw_html = 0
    dek = next((meta[k] for k in ("standfirst", "dek", "subtitle") if isinstance(meta.get(k), str)), None)
    if dek and normalize_ws(dek):
        doc.standfirst = normalize_ws(dek)
        doc.add_paragraph(doc.standfirst)

    def add_text(text_: str) -> None:
        names = contributors_of(text_)
        if names:
            doc.contributors.extend(n for n in names if n not in doc.contributors)
        elif text_:
            doc.add_paragraph(text_)

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            text_ = inline_text(tokens[i + 1])
            raw_html += sum(c.type == "html_inline" for c in tokens[i + 1].children or [])
            if tok.tag == "h1" and not doc.title:
                doc.title = text_
            elif text_ and text_.casefold() != doc.title.casefold():
                doc.add_heading(text_)
            i += 3
            continue
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            raw_html += sum(c.type == "html_inline" for c in inline.children or [])
            for img in (c for c in inline.children or [] if c.type == "image"):
                caption = normalize_ws(img.content or "")
                credit = normalize_ws(img.attrs.get("title") or "") or None
                if caption or credit:
                    doc.add_figure(Figure(caption=caption, credit=credit))
            add_text(inline_text(inline))
            i += 3
            continue
        if tok.type == "html_block":
            raw_html += 1
            for text_ in html_block_text(tok.content):
                add_text(text_)
        elif tok.type in ("code_block", "fence"):
            add_text(normalize_ws(tok.content))
        i += 1
    if raw_html:
        doc.warnings.append(f"raw HTML in the Markdown ({raw_html} place{'s' if raw_html > 1 else ''}) reduced to text")
    if not doc.title:
        raise ValueError("no headline (front matter `title:` or a `# heading`)")
    return doc
