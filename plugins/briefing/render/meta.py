"""Page metadata for the <head>: canonical URL, description, Open Graph, Twitter card.

Builds plain dicts; ``partials/head_meta.html`` renders them (autoescaped), so seed text in
a title or description can never break out of an attribute.
"""
from __future__ import annotations

from ..text import normalize_ws

DESCRIPTION_CHARS = 200


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = normalize_ws(text or "")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def page_meta(siteurl: str, rel: str, title: str, description: str, og_type: str = "website",
              published: str | None = None, noindex: bool = False) -> dict:
    return {
        "url": f"{siteurl}/{rel}",
        "title": title,
        "description": shorten(description),
        "og_type": og_type,
        "published": published,
        "noindex": noindex,
    }


def briefing_meta(b, siteurl: str) -> dict:
    doc = b.document
    lead = doc.standfirst or (doc.paragraphs[0] if doc.paragraphs else doc.title)
    return page_meta(siteurl, b.url, doc.title, lead, "article", doc.published)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def actor_description(actor) -> str:
    roles = []
    for r, _ in actor.roles:
        if r not in roles:
            roles.append(r)
    head = f"{actor.name} ({', '.join(roles[:2])})" if roles else actor.name
    parts = [_count(actor.briefing_count, "briefing")]
    if actor.quotes:
        parts.insert(0, _count(len(actor.quotes), "quote"))
    return f"{head}: {' in '.join(parts) if actor.quotes else 'mentioned in ' + parts[0]}."


def actor_meta(actor, siteurl: str) -> dict:
    og_type = "profile" if actor.type == "person" else "website"
    return page_meta(siteurl, actor.url, actor.name, actor_description(actor), og_type)
