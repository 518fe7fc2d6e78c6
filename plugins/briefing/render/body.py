"""The body of a briefing as HTML: paragraphs with stable anchors, sections, figures.

Every text from a seed is escaped here; later stages (cross-links, quote anchors) work on
this HTML with BeautifulSoup and never re-parse seed text as markup.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ..model import Document
from ..text import slugify


def paragraph_anchor(index: int) -> str:
    return f"p{index + 1}"


def section_anchor(title: str) -> str:
    return "s-" + slugify(title, fallback="section")


def render_body(doc: Document) -> Markup:
    out: list[str] = []
    open_section = False
    for block in doc.blocks:
        if block.kind == "heading":
            if open_section:
                out.append("</section>")
            out.append(f'<section aria-labelledby="{section_anchor(block.text)}">')
            out.append(f'<h2 id="{section_anchor(block.text)}">{escape(block.text)}</h2>')
            open_section = True
        elif block.kind == "paragraph":
            text = doc.paragraphs[block.index]
            out.append(f'<p id="{paragraph_anchor(block.index)}">{escape(text)}</p>')
        elif block.kind == "figure":
            fig = doc.figures[block.index]
            credit = f' <small class="credit">{escape(fig.credit)}</small>' if fig.credit else ""
            out.append(f'<figure><figcaption>{escape(fig.caption)}{credit}</figcaption></figure>')
    if open_section:
        out.append("</section>")
    return Markup("\n".join(out))
