"""Editorial Markdown pages (content/pages/*.md) rendered with markdown-it-py."""
from __future__ import annotations

import logging
from pathlib import Path

from markdown_it import MarkdownIt

from .md import split_front_matter
from ..text import UnreadableInput, clean_text, decode_bytes

log = logging.getLogger("briefing")

_md = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table", "strikethrough"])


def render_markdown(text: str) -> str:
    return _md.render(text)


def read_page(path: str, settings: dict | None = None) -> tuple[str, dict]:
    """(HTML, metadata) of a page; a page that cannot be read is skipped with one warning
    line (Pelican's "skip" status), never a traceback or a failed build."""
    try:
        data = Path(path).read_bytes()
        if not data.strip():
            raise UnreadableInput("empty file")
        text, _ = decode_bytes(data)
        meta, body = split_front_matter(clean_text(text))
    except (OSError, ValueError) as exc:  # UnreadableInput, FrontMatterError are ValueErrors
        problem = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
        log.warning("briefing: %s: %s — page skipped", Path(path).name, problem)
        return "", {"status": "skip", "title": Path(path).stem}
    html = render_markdown(body)
    out = {k.lower(): v for k, v in meta.items()}
    if "title" in out:
        out["title"] = str(out["title"])
    return html, out
