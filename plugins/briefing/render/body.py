"""The body of a briefing as HTML: paragraphs with stable anchors, sections, figures.

Every text from a seed is escaped here; later stages (cross-links, quote anchors) work on
this HTML with BeautifulSoup and never re-parse seed text as markup. ``render_body`` takes
the escaping and a paragraph renderer so that cross-linking can build the linked body in
one pass from the mention offsets (render/crosslinks.linked_body) instead of re-parsing it.
"""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from ..model import Document
from ..text import slugify


def paragraph_anchor(index: int) -> str:
    return f"p{index + 1}"


def section_anchor(title: str) -> str:
    return "s-" + slugify(title, fallback="section")


def render_body(doc: Document, esc: Callable[[str], str] = escape,
                paragraph: Callable[[int, str], str] | None = None) -> Markup:
    """The body HTML. ``esc`` escapes every seed text; ``paragraph(index, text)`` returns
    the (escaped) HTML inside ``<p id=…>`` (default: the escaped text)."""
    out: list[str] = []
    open_section = False
    for block in doc.blocks:
        if block.kind == "heading":
            if open_section:
                out.append("</section>")
            anchor = section_anchor(block.text)  # a lowercase ASCII slug: nothing to escape
            out.append(f'<section aria-labelledby="{anchor}">')
            out.append(f'<h2 id="{anchor}">{esc(block.text)}</h2>')
            open_section = True
        elif block.kind == "paragraph":
            text = doc.paragraphs[block.index]
            inner = esc(text) if paragraph is None else paragraph(block.index, text)
            out.append(f'<p id="{paragraph_anchor(block.index)}">{inner}</p>')
        elif block.kind == "figure":
            fig = doc.figures[block.index]
            credit = f' <small class="credit">{esc(fig.credit)}</small>' if fig.credit else ""
            out.append(f'<figure><figcaption>{esc(fig.caption)}{credit}</figcaption></figure>')
    if open_section:
        out.append("</section>")
    return Markup("\n".join(out))
