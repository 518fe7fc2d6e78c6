"""Cross-links in a briefing body: the first mention of each actor links to its page.

A post-process of the rendered (already escaped) body HTML with BeautifulSoup. The
extraction's mention spans (paragraph, start, end) say where each actor is named; the span
is found again in the text nodes of the paragraph ``<p id="p{n}">`` by character offset, so
earlier post-processors may have wrapped parts of the paragraph in elements. A mention is
never linked inside an existing link, a heading, a figure or its credit, a quotation's
attribution, or across element boundaries; then the actor's next mention is tried. Later
mentions stay plain text.

``linked_body(doc, …)`` is the fast path of ``crosslink(render_body(doc), …)`` for a body
with no earlier post-processing: it places the same links from the offsets while the body
is built and writes the bytes BeautifulSoup would write (text escapes only ``& < >``;
attributes sorted), with no parse. tests/test_crosslinks_fast.py holds the two equal.
"""
from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString
from bs4.dammit import EntitySubstitution
from markupsafe import Markup

from .body import paragraph_anchor, render_body

# no link is placed inside these elements …
_BLOCKED_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "cite", "button", "label"}
# … nor inside elements with one of these classes
_BLOCKED_CLASSES = {"credit", "attribution", "byline", "no-crosslink"}


def _blocked(node, stop) -> bool:
    el = node.parent
    while el is not None and el is not stop.parent:
        if el.name in _BLOCKED_TAGS:
            return True
        if _BLOCKED_CLASSES & set(el.get("class") or []):
            return True
        el = el.parent
    return False


def _text_nodes(el):
    """(node, start offset) of every text node of el in document order."""
    pos = 0
    out = []
    for node in el.descendants:
        if isinstance(node, NavigableString) and type(node) is NavigableString:
            out.append((node, pos))
            pos += len(node)
    return out


def _wrap(soup, p, start: int, end: int, expected: str, href: str) -> bool:
    for node, pos in _text_nodes(p):
        if pos <= start and end <= pos + len(node):
            if _blocked(node, p):
                return False
            s = str(node)
            a, b = start - pos, end - pos
            if s[a:b] != expected:
                return False
            link = soup.new_tag("a", href=href)
            link["class"] = "actor-link"
            link.string = s[a:b]
            before, after = s[:a], s[b:]
            node.replace_with(*(x for x in (NavigableString(before) if before else None, link,
                                              NavigableString(after) if after else None) if x is not None))
            return True
    return False


def _plans(briefing, site) -> list:
    """(site actor, mentions in text order) of every visible actor, in linking order."""
    # most specific first when two actors claim overlapping text: longer spans win
    plans = []
    for actor in briefing.extraction.actors:
        sa = site.actor(briefing.site_actor_id(actor.id))
        if sa is None or sa.hidden:
            continue
        mentions = sorted(actor.mentions, key=lambda m: (m.paragraph, m.start, -m.end))
        plans.append((sa, mentions))
    # actors in order of their first mention, so linking is stable and reads naturally
    plans.sort(key=lambda pm: ((pm[1][0].paragraph, pm[1][0].start) if pm[1] else (1 << 30, 0), pm[0].id))
    return plans


def _link_first_mentions(plans: list, siteurl: str, place) -> None:
    """For each actor of ``plans`` in turn, link its first mention that ``place(m, href)``
    can link (True) and that overlaps no mention linked before."""
    claimed: dict[int, list[tuple[int, int]]] = {}
    for sa, mentions in plans:
        href = f"{siteurl}/{sa.url}"
        for m in mentions:
            if any(m.start < e and s < m.end for s, e in claimed.get(m.paragraph, [])):
                continue
            if place(m, href):
                claimed.setdefault(m.paragraph, []).append((m.start, m.end))
                break


def crosslink(body_html: str, briefing, site, siteurl: str = "") -> Markup:
    """Link the first linkable mention of every visible actor of ``briefing`` in body_html.

    ``briefing`` is a link.site.Briefing, ``site`` the link.site.Site. Returns Markup.
    """
    soup = BeautifulSoup(str(body_html), "html.parser")
    paragraphs = {p.get("id"): p for p in soup.find_all("p") if p.get("id")}

    def place(m, href: str) -> bool:
        p = paragraphs.get(paragraph_anchor(m.paragraph))
        return p is not None and _wrap(soup, p, m.start, m.end, m.text, href)

    _link_first_mentions(_plans(briefing, site), siteurl, place)
    return Markup(str(soup))


def _text(s: str) -> str:
    """Text as BeautifulSoup's "minimal" formatter writes it."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return EntitySubstitution.quoted_attribute_value(_text(s))


def _texts(doc):
    yield from doc.paragraphs
    yield from (b.text for b in doc.blocks if b.kind == "heading")
    for fig in doc.figures:
        yield fig.caption
        yield fig.credit or ""


def _blank(s: str) -> bool:
    """A text BeautifulSoup would collapse to one space or newline (ASCII whitespace only)."""
    return bool(s) and not s.strip(" \n\t\x0c\r")


def _place(text: str, segs: list, m, href: str) -> bool:
    """_wrap on a paragraph kept as text segments [start, end, href or None]."""
    for k, (s, e, h) in enumerate(segs):
        if s <= m.start and m.end <= e:  # the first text node holding the span
            if h is not None or text[m.start:m.end] != m.text:
                return False
            segs[k:k + 1] = ([[s, m.start, None]] if s < m.start else []) + [[m.start, m.end, href]] + (
                [[m.end, e, None]] if m.end < e else [])
            return True
    return False


def linked_body(doc, briefing, site, siteurl: str = "") -> Markup:
    """``crosslink(render_body(doc), briefing, site, siteurl)``, byte for byte, in one pass."""
    indexes = [b.index for b in doc.blocks if b.kind == "paragraph"]
    plans = _plans(briefing, site)
    if (len(set(indexes)) != len(indexes) or any(m.start >= m.end for _, ms in plans for m in ms)
            or any(map(_blank, _texts(doc)))):
        return crosslink(render_body(doc), briefing, site, siteurl)  # odd shapes: the general path
    by_anchor = {paragraph_anchor(i): i for i in indexes}
    # each rendered paragraph as segments [start, end, href or None] of its text
    segments: dict[int, list] = {}

    def place(m, href: str) -> bool:
        i = by_anchor.get(paragraph_anchor(m.paragraph))
        if i is None:
            return False
        segs = segments.setdefault(i, [[0, len(doc.paragraphs[i]), None]])
        return _place(doc.paragraphs[i], segs, m, href)

    _link_first_mentions(plans, siteurl, place)

    def paragraph(index: int, text: str) -> str:
        segs = segments.get(index)
        if segs is None:
            return _text(text)
        return "".join(_text(text[s:e]) if h is None else f'<a class="actor-link" href={_attr(h)}>{_text(text[s:e])}</a>'
                       for s, e, h in segs)

    return render_body(doc, esc=_text, paragraph=paragraph)
