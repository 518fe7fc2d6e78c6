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


# A body longer than this (a transcript, a ruling, a report; long reads are ~90,000) is a long
# briefing: it opens with a table of contents, and one without headings of its own is
# divided into parts of PART_PARAGRAPHS paragraphs ("Paragraphs 101–200"), so that a reader
# can find a place in it and come back to it. Every paragraph stays on the one page
# (anchors #pN of quotes, actor pages and the search keep pointing into it).
LONG_BODY_CHARS = 150_000
PART_PARAGRAPHS = 100


def is_long(doc: Document) -> bool:
    return sum(len(p) for p in doc.paragraphs) > LONG_BODY_CHARS


def paragraph_anchor(index: int) -> str:
    return f"p{index + 1}"


def section_anchor(title: str) -> str:
    return "s-" + slugify(title, fallback="section")


def _sections(doc: Document) -> list[tuple[str, str, list]]:
    """(heading text or "", anchor or "", blocks) in reading order; the blocks before the
    first heading come first with no heading. Repeated headings get distinct anchors."""
    blocks = doc.blocks
    if is_long(doc) and not any(b.kind == "heading" for b in blocks):
        n = len(doc.paragraphs)
        parts: list[tuple[str, str, list]] = []
        for b in blocks:  # a new part at every PART_PARAGRAPHS-th paragraph
            if b.kind == "paragraph" and b.index % PART_PARAGRAPHS == 0:
                last = min(b.index + PART_PARAGRAPHS, n)
                parts.append((f"Paragraphs {b.index + 1}–{last}", f"part-{b.index // PART_PARAGRAPHS + 1}", []))
            if not parts:
                parts.append(("", "", []))
            parts[-1][2].append(b)
        return parts
    out: list[tuple[str, str, list]] = [("", "", [])]
    used: set[str] = set()
    for b in blocks:
        if b.kind == "heading":
            anchor = base = section_anchor(b.text)
            k = 2
            while anchor in used:
                anchor, k = f"{base}-{k}", k + 1
            used.add(anchor)
            out.append((b.text, anchor, []))
        else:
            out[-1][2].append(b)
    return out if out[0][2] else out[1:]


def render_body(doc: Document, esc: Callable[[str], str] = escape,
                paragraph: Callable[[int, str], str] | None = None) -> Markup:
    """The body HTML. ``esc`` escapes every seed text; ``paragraph(index, text)`` returns
    the (escaped) HTML inside ``<p id=…>`` (default: the escaped text). A long body opens
    with its table of contents."""
    out: list[str] = []
    sections = _sections(doc)
    if is_long(doc) and sum(1 for title, _, _ in sections if title) > 1:
        out.append('<nav aria-label="Contents" class="contents" data-pagefind-ignore="all"><h2>Contents</h2><ol>')
        out.extend(f'<li><a href="#{anchor}">{esc(title)}</a></li>' for title, anchor, _ in sections if title)
        out.append("</ol></nav>")
    for title, anchor, blocks in sections:
        if title:  # anchors are lowercase ASCII slugs: nothing to escape
            out.append(f'<section aria-labelledby="{anchor}">')
            out.append(f'<h2 id="{anchor}">{esc(title)}</h2>')
        for block in blocks:
            if block.kind == "paragraph":
                text = doc.paragraphs[block.index]
                inner = esc(text) if paragraph is None else paragraph(block.index, text)
                out.append(f'<p id="{paragraph_anchor(block.index)}">{inner}</p>')
            elif block.kind == "figure":
                fig = doc.figures[block.index]
                credit = f' <small class="credit">{esc(fig.credit)}</small>' if fig.credit else ""
                out.append(f'<figure><figcaption>{esc(fig.caption)}{credit}</figcaption></figure>')
        if title:
            out.append("</section>")
    return Markup("\n".join(out))
