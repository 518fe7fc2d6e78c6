"""The Atom feed of briefings and the sitemap. Deterministic: no build timestamps.

An undated briefing has no ``published`` element in the feed; Atom requires ``updated``, so
it takes the newest date known on the site (or the Unix epoch when nothing is dated).
"""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from markupsafe import escape as html_escape

from .meta import shorten

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _date(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    try:
        d = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)


def atom_feed(site, siteurl: str, sitename: str, description: str = "", max_items: int | None = None) -> str:
    """The newest ``max_items`` briefings (Pelican's FEED_MAX_ITEMS; None: all), newest first."""
    from feedgenerator import Atom1Feed

    dates = [d for d in (_date(b.published) for b in site.briefings) if d]
    newest = max(dates) if dates else EPOCH
    feed = Atom1Feed(
        title=sitename,
        link=f"{siteurl}/",
        description=description,
        feed_url=f"{siteurl}/feeds/all.atom.xml",
        feed_guid=f"{siteurl}/",
        language="en",
    )
    for b in site.briefings[:max_items] if max_items else site.briefings:
        published = _date(b.published)
        doc = b.document
        names = ", ".join(a.name for a in b.key_actors)
        summary = shorten(doc.standfirst or (doc.paragraphs[0] if doc.paragraphs else doc.title), 300)
        if names:
            summary = f"{summary} (Who: {names})"
        feed.add_item(
            title=doc.title,
            link=f"{siteurl}/{b.url}",
            description=str(html_escape(summary)),  # an html summary: seed text escaped
            unique_id=f"{siteurl}/{b.url}",
            pubdate=published,
            updateddate=published or newest,
            author_name=", ".join(doc.contributors) or doc.publisher or None,
        )
    return feed.writeString("utf-8")


def sitemap(urls: list[tuple[str, str | None]]) -> str:
    """urls: (absolute or root-relative URL, ISO date or None), already in order."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls:
        out.append("<url>")
        out.append(f"<loc>{escape(loc)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{escape(lastmod[:10])}</lastmod>")
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def site_urls(site, siteurl: str, pages=()) -> list[tuple[str, str | None]]:
    urls: list[tuple[str, str | None]] = [(f"{siteurl}/", None), (f"{siteurl}/briefings/", None),
                                          (f"{siteurl}/actors/", None)]
    for b in site.briefings:
        urls.append((f"{siteurl}/{b.url}", b.published))
    for a in site.visible_actors():
        urls.append((f"{siteurl}/{a.url}", None))
    for p in sorted(pages, key=lambda p: p.url):
        urls.append((f"{siteurl}/{p.url}", None))
    return urls
