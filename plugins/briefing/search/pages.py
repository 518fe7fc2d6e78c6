"""What Pagefind indexes of a page, read from its HTML without parsing it as a tree.

Pagefind indexes the elements marked ``data-pagefind-body`` (our templates mark ``<main>`` of
briefing and actor pages) minus their ``data-pagefind-ignore`` descendants. ``page_view``
cuts exactly that markup out of a page (ignored elements left empty) into a bare document:
Pagefind makes the same index from it as from the whole page (tests/search/test_search_pages.py),
parsing a fraction of the bytes (an actor page's timeline, a briefing's related list). Equal
views give equal bundles, so ``page_key`` (path + view) tells whether a shard must be indexed
again: a page whose related-briefings list (ignored) changed keeps its shard.

Works on the well-formed HTML our templates write (attribute values escaped): elements are
found by their attribute and matched with their closing tag by counting nesting of the same
tag name.
"""
from __future__ import annotations

import hashlib
import re

_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_tag_res: dict[str, re.Pattern] = {}
VIEW_HEAD = '<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"></head><body>\n'
VIEW_TAIL = "\n</body></html>\n"


def _find_tag(html: str, attr: str, pos: int, end: int):
    """(start, end of start tag, tag name) of the next element from ``pos`` whose start tag
    has attribute ``attr``, or None."""
    while (i := html.find(attr, pos, end)) >= 0:
        pos = i + len(attr)
        if html[i - 1] not in " \t\n\r" or html[pos:pos + 1] not in ("=", ">", " ", "/", "\n", "\t"):
            continue
        lt, gt = html.rfind("<", 0, i), html.rfind(">", 0, i)
        m = _NAME.match(html, lt) if lt > gt else None
        if m is None:  # the text is not inside a start tag
            continue
        close = html.find(">", pos)
        if close < 0:
            return None
        return lt, close + 1, m.group(1)
    return None


def _element_end(html: str, name: str, start: int) -> int:
    """Index just after the element whose start tag ends at ``start``."""
    name = name.lower()
    if name in _VOID:
        return start
    rx = _tag_res.get(name)
    if rx is None:
        rx = _tag_res[name] = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.I)
    depth = 1
    for m in rx.finditer(html, start):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return len(html)


def indexed_region(html: str) -> str | None:
    """The markup Pagefind indexes on this page (None: the page is not indexed)."""
    parts = []
    pos = 0
    while (t := _find_tag(html, "data-pagefind-body", pos, len(html))) is not None:
        start, open_end, name = t
        end = _element_end(html, name, open_end)
        parts.append(_without_ignored(html, start, end))
        pos = end
    return "\n".join(parts) if parts else None


def _without_ignored(html: str, pos: int, end: int) -> str:
    out = []
    while (t := _find_tag(html, "data-pagefind-ignore", pos, end)) is not None:
        start, open_end, name = t
        # the ignored element stays, empty (its attributes may carry meta), its content goes
        out.append(html[pos:open_end])
        pos = _element_end(html, name, open_end)
        if name.lower() not in _VOID:
            out.append(f"</{name}>")
    out.append(html[pos:end])
    return "".join(out)


_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"")


def page_view(data: bytes) -> bytes | None:
    """What Pagefind is given for this page: its indexed markup in a bare document (the same
    index as the whole page, for less parsing); None when the page is not indexed."""
    html = data.decode("utf-8", "replace")
    region = indexed_region(html)
    if region is None:
        return None
    lang = _LANG.search(html, 0, 4000)
    return (VIEW_HEAD.format(lang=lang.group(1) if lang else "") + region + VIEW_TAIL).encode("utf-8")


def page_key(rel: str, view: bytes | None) -> str | None:
    """Hash of a page's view and path (the path gives the result's URL)."""
    if view is None:
        return None
    return hashlib.sha256(rel.encode("utf-8") + b"\0" + view).hexdigest()[:32]  # kept per page: short
