"""Cross-links in a briefing body: the first mention of each actor links to its page.

A post-process of the rendered (already escaped) body HTML with BeautifulSoup. The
extraction's mention spans (paragraph, start, end) say where each actor is named; the span
is found again in the text nodes of the paragraph ``<p id="p{n}">`` by character offset, so
earlier post-processors may have wrapped parts of the paragraph in elements. A mention is
never linked inside an existing link, a heading, a figure or its credit, a quotation's
attribution, or across element boundaries; then the actor's next mention is tried. Later
mentions stay plain text.
"""
from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString
from markupsafe import Markup

from .body import paragraph_anchor

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


def crosslink(body_html: str, briefing, site, siteurl: str = "") -> Markup:
    """Link the first linkable mention of every visible actor of ``briefing`` in body_html.

    ``briefing`` is a linking.Briefing, ``site`` the linking.Site. Returns Markup.
    """
    soup = BeautifulSoup(str(body_html), "html.parser")
    paragraphs = {p.get("id"): p for p in soup.find_all("p") if p.get("id")}
    # most specific first when two actors claim overlapping text: longer spans win
    plans = []
    for actor in briefing.extraction.actors:
        sa = site.actor(briefing.site_actor_id(actor.id))
        if sa is None or sa.hidden:
            continue
        mentions = sorted(actor.mentions, key=lambda m: (m.paragraph, m.start, -m.end))
        plans.append((sa, mentions))
    claimed: dict[int, list[tuple[int, int]]] = {}
    # actors in order of their first mention, so linking is stable and reads naturally
    plans.sort(key=lambda pm: ((pm[1][0].paragraph, pm[1][0].start) if pm[1] else (1 << 30, 0), pm[0].id))
    for sa, mentions in plans:
        href = f"{siteurl}/{sa.url}"
        for m in mentions:
            p = paragraphs.get(paragraph_anchor(m.paragraph))
            if p is None:
                continue
            if any(m.start < e and s < m.end for s, e in claimed.get(m.paragraph, [])):
                continue
            if _wrap(soup, p, m.start, m.end, m.text, href):
                claimed.setdefault(m.paragraph, []).append((m.start, m.end))
                break
    return Markup(str(soup))
