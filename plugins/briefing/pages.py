"""Editorial Markdown pages (content/pages/*.md) rendered with markdown-it-py."""
from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from .parse_md import split_front_matter
from .text import clean_text, decode_bytes

_md = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "strikethrough"])


def render_markdown(text: str) -> str:
    return _md.render(text)


def read_page(path: str, settings: dict | None = None) -> tuple[str, dict]:
    text, _ = decode_bytes(Path(path).read_bytes())
    meta, body = split_front_matter(clean_text(text))
    html = render_markdown(body)
    out = {k.lower(): v for k, v in meta.items()}
    if "title" in out:
        out["title"] = str(out["title"])
    return html, out
